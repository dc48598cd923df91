using System.ComponentModel.DataAnnotations;
using Amends.Storefront;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amends.Tests.Storefront;

/// <summary>The store's identity is checked at start-up: a bad value stops the app with a message naming the setting.</summary>
public sealed class StoreIdentityTests
{
    [Fact]
    public void A_complete_identity_is_valid()
    {
        var store = new StoreIdentity
        {
            Name = "Casa Bella",
            LogoUrl = "https://shop.example/logo.png",
            ContactEmail = "aiuto@shop.example",
            Phone = "+39 02 1234-5678",
            Colour = "#7A1F3D",
        };

        Assert.Empty(Errors(store));
        Assert.Equal("+390212345678", store.PhoneLink);
    }

    [Theory]
    [InlineData(nameof(StoreIdentity.Name), "")]
    [InlineData(nameof(StoreIdentity.LogoUrl), "http://shop.example/logo.png")]
    [InlineData(nameof(StoreIdentity.LogoUrl), "logo.png")]
    [InlineData(nameof(StoreIdentity.ContactEmail), "aiuto at shop")]
    [InlineData(nameof(StoreIdentity.Phone), "call us")]
    [InlineData(nameof(StoreIdentity.Colour), "red")]
    [InlineData(nameof(StoreIdentity.Colour), "#12345")]
    [InlineData(nameof(StoreIdentity.Colour), "#ffd700")]
    public void A_bad_value_is_named(string setting, string value)
    {
        var store = new StoreIdentity();
        typeof(StoreIdentity).GetProperty(setting)!.SetValue(store, value);

        var error = Assert.Single(Errors(store));

        Assert.StartsWith($"Amends:Store:{setting} ", error);
    }

    [Fact]
    public void The_app_refuses_to_start_with_a_colour_too_light_for_white_text()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Amends:Store:Colour"] = "#ffd700" }).Build();
        using var services = new ServiceCollection().AddAmends(configuration).BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StoreIdentity>>().Value);

        Assert.Contains("Amends:Store:Colour '#ffd700' is too light", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#0b4fa8", 7.8)]
    [InlineData("#ffffff", 1.0)]
    [InlineData("#000000", 21.0)]
    public void Contrast_with_white_is_the_wcag_ratio(string colour, double expected) =>
        Assert.Equal(expected, StoreIdentity.ContrastWithWhite(colour), 1);

    private static IReadOnlyList<string> Errors(StoreIdentity store)
    {
        List<ValidationResult> results = [];
        Validator.TryValidateObject(store, new ValidationContext(store), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
