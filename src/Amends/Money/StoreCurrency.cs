using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Amends.Money;

/// <summary>The store's currency, the one every amount is in. Bound from <c>Amends:Store</c>.</summary>
public sealed class StoreCurrency : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Store";

    /// <summary>The ISO 4217 code of the store's currency (<c>EUR</c>, <c>NOK</c>, <c>PLN</c>…).</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>
    /// The currencies some country uses, from the machine's culture data; empty when .NET runs with
    /// invariant globalization (no culture data), where only the code's shape can be checked.
    /// </summary>
    internal static IReadOnlySet<string> Known { get; } = KnownCurrencies();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var code = Currency ?? "";
        var wellFormed = code.Length == 3 && code.All(char.IsAsciiLetterUpper);
        if (!wellFormed || (Known.Count > 0 && !Known.Contains(code)))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(Currency)} '{code}' is not an ISO 4217 currency a country uses: give its three capital letters, e.g. EUR, NOK, PLN, GBP.",
                [nameof(Currency)]);
        }
    }

    private static HashSet<string> KnownCurrencies()
    {
        HashSet<string> codes = new(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                codes.Add(new RegionInfo(culture.Name).ISOCurrencySymbol);
            }
            catch (ArgumentException)
            {
                // A culture without a region of its own.
            }
        }

        return codes;
    }
}
