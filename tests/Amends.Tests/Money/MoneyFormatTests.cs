using System.Globalization;
using Amends.Email;
using Amends.Money;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amends.Tests.Money;

/// <summary>
/// Amounts reach customers in the store's currency, written the way their language writes money; a
/// currency that is not one stops the app. Passes with ICU and under invariant globalization
/// (<c>DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1</c>), where there is no culture data to write with.
/// </summary>
public sealed class MoneyFormatTests
{
    private static readonly bool HasCultureData = CultureInfo.GetCultures(CultureTypes.SpecificCultures).Length > 1;

    [Theory]
    [InlineData("en", "EUR", "€89.00")]
    [InlineData("it", "EUR", "89,00 €")]
    [InlineData("nb", "NOK", "kr 89,00")]
    [InlineData("pl", "PLN", "89,00 zł")]
    [InlineData("pl", "EUR", "89,00 €")]
    [InlineData("de", "EUR", "89,00 €")]
    [InlineData("en", "NOK", "NOK 89.00")]
    [InlineData("it", "CHF", "89,00 CHF")]
    [InlineData("en", "GBP", "£89.00")]
    public void Writes_an_amount_in_the_customers_language(string language, string currency, string expected) =>
        Assert.Equal((HasCultureData ? expected : $"89.00 {currency}").Replace(' ', '\u00a0'), Format(currency).Format(89m, language));

    [Fact]
    public void Rounds_to_cents_and_groups_thousands_as_the_language_does() =>
        Assert.Equal(HasCultureData ? "1.234,57\u00a0€" : "1234.57\u00a0EUR", Format("EUR").Format(1234.567m, "it"));

    [Fact]
    public void Without_culture_data_it_writes_the_amount_and_the_code()
    {
        // Invariant globalization either refuses named cultures or hands out the invariant data.
        var refused = new MoneyFormat("NOK", _ => throw new CultureNotFoundException("nb-NO"));
        var invariant = new MoneyFormat("NOK", _ => CultureInfo.InvariantCulture);

        Assert.Equal("89.00\u00a0NOK", refused.Format(89m, "nb"));
        Assert.Equal("1234.50\u00a0NOK", invariant.Format(1234.5m, "nb"));
    }

    [Fact]
    public void The_store_currency_is_eur_unless_configured()
    {
        Assert.Equal("EUR", Bind([]).GetRequiredService<MoneyFormat>().Currency);
        Assert.Equal("NOK", Bind(new() { ["Amends:Store:Currency"] = "NOK" }).GetRequiredService<MoneyFormat>().Currency);
    }

    [Fact]
    public void A_code_no_country_uses_stops_the_app_where_there_is_culture_data_to_know()
    {
        var services = Bind(new() { ["Amends:Store:Currency"] = "XYZ" });
        var validator = services.GetRequiredService<IStartupValidator>();

        if (HasCultureData)
        {
            Assert.Contains("'XYZ' is not an ISO 4217 currency", Assert.Throws<OptionsValidationException>(validator.Validate).Message, StringComparison.Ordinal);
        }
        else
        {
            validator.Validate(); // invariant globalization: only the code's shape can be checked
        }
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("")]
    public void An_unknown_currency_stops_the_app_at_start_with_a_clear_message(string currency)
    {
        var services = Bind(new() { ["Amends:Store:Currency"] = currency });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Amends:Store:Currency", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ISO 4217", refused.Message, StringComparison.Ordinal);
    }

    private static MoneyFormat Format(string currency) => new(currency, CustomerLanguage.Culture);

    private static ServiceProvider Bind(Dictionary<string, string?> settings)
    {
        settings["Amends:Storage:ConnectionString"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddAmends(configuration).BuildServiceProvider();
    }
}
