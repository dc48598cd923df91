using System.Globalization;

namespace Amends.Email;

/// <summary>The languages customer emails are written in; English when we do not speak the customer's.</summary>
public static class CustomerLanguage
{
    /// <summary>The languages with templates.</summary>
    public static readonly IReadOnlyList<string> Supported = ["en", "it", "pl", "nb"];

    /// <summary>The supported language closest to <paramref name="requested"/> (e.g. <c>no</c> and <c>nn</c> become <c>nb</c>).</summary>
    public static string Normalize(string? requested)
    {
        var primary = (requested ?? "").Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary switch
        {
            "it" or "pl" or "en" => primary,
            "nb" or "no" or "nn" => "nb",
            _ => "en",
        };
    }

    /// <summary>The culture dates and amounts are written in for <paramref name="language"/>.</summary>
    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(Normalize(language) switch
    {
        "it" => "it-IT",
        "pl" => "pl-PL",
        "nb" => "nb-NO",
        _ => "en-GB",
    });
}
