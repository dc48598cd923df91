using System.Collections.Concurrent;
using System.Globalization;
using Amends.Email;
using Microsoft.Extensions.Options;

namespace Amends.Money;

/// <summary>
/// Writes an amount of the store's currency the way a customer's language writes money: "89,00 €" in
/// Italian, "kr 89,00" in Norwegian, "89,00 zł" in Polish, "€89.00" in English. The layout comes from
/// .NET's culture data for the language (<see cref="CustomerLanguage.Culture"/>); the symbol is the
/// language's own when its country pays in the store's currency, else the currency's one symbol
/// when every country using it writes it the same way and it is not letters (€, £), else the ISO code
/// ("NOK 89.00" in English). Without culture data (invariant globalization) it writes "89.00 EUR".
/// </summary>
public sealed class MoneyFormat
{
    private const char NoBreakSpace = '\u00a0';
    private readonly Func<string, CultureInfo> cultureOf;
    private readonly ConcurrentDictionary<string, NumberFormatInfo> formats = new(StringComparer.Ordinal);

    /// <summary>A format for the configured currency.</summary>
    public MoneyFormat(IOptions<StoreCurrency> store)
        : this(store.Value.Currency, CustomerLanguage.Culture)
    {
    }

    /// <summary>A format for <paramref name="currency"/>, reading cultures through <paramref name="cultureOf"/> (tests give one that fails, as invariant globalization does).</summary>
    internal MoneyFormat(string currency, Func<string, CultureInfo> cultureOf)
    {
        Currency = currency;
        this.cultureOf = cultureOf;
    }

    /// <summary>The ISO 4217 code of the store's currency.</summary>
    public string Currency { get; }

    /// <summary><paramref name="amount"/>, rounded to cents, as the customer's <paramref name="language"/> writes money.</summary>
    public string Format(decimal amount, string language)
    {
        var format = formats.GetOrAdd(CustomerLanguage.Normalize(language), FormatFor);
        var text = ReferenceEquals(format, NumberFormatInfo.InvariantInfo)
            ? string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {Currency}")
            : amount.ToString("C2", format);
        // Culture data spaces vary by ICU version (space, no-break, narrow no-break): always a no-break
        // space, so an amount never wraps away from its currency.
        return text.Replace(' ', NoBreakSpace).Replace('\u202f', NoBreakSpace);
    }

    private NumberFormatInfo FormatFor(string language)
    {
        CultureInfo culture;
        try
        {
            culture = cultureOf(language);
        }
        catch (CultureNotFoundException)
        {
            return NumberFormatInfo.InvariantInfo; // invariant globalization: no culture data to write with
        }

        // Invariant globalization may hand out a named culture that holds the invariant data ("¤").
        if (culture.NumberFormat.CurrencySymbol == CultureInfo.InvariantCulture.NumberFormat.CurrencySymbol)
        {
            return NumberFormatInfo.InvariantInfo;
        }

        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencyDecimalDigits = 2;
        if (Region(culture.Name)?.ISOCurrencySymbol == Currency)
        {
            return format;
        }

        var symbols = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => Region(c.Name))
            .Where(r => r?.ISOCurrencySymbol == Currency)
            .Select(r => r!.CurrencySymbol)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (symbols is [var symbol] && !symbol.Any(char.IsLetter))
        {
            format.CurrencySymbol = symbol;
            return format;
        }

        // A code reads as a word: keep it apart from the number ("NOK 89.00", "89,00 NOK").
        format.CurrencySymbol = Currency;
        format.CurrencyPositivePattern = format.CurrencyPositivePattern switch { 0 => 2, 1 => 3, var p => p };
        format.CurrencyNegativePattern = format.CurrencyNegativePattern switch { 0 => 14, 1 => 9, 2 => 12, 3 => 11, 4 => 15, 5 => 8, 6 => 13, 7 => 10, var p => p };
        return format;
    }

    private static RegionInfo? Region(string cultureName)
    {
        try
        {
            return new RegionInfo(cultureName);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
