using System.Globalization;
using Amends.Languages;

namespace Amends.Email;

/// <summary>The languages customers are written to in (a folder each, <see cref="LanguageFolders"/>); English when we do not speak the customer's.</summary>
public static class CustomerLanguage
{
    /// <summary>The languages with a folder, English first.</summary>
    public static IReadOnlyList<string> Supported => LanguageFolders.Codes;

    /// <summary>The supported language closest to <paramref name="requested"/> (e.g. <c>no</c> and <c>nn</c> become <c>nb</c>, as <c>nb</c>'s folder says).</summary>
    public static string Normalize(string? requested)
    {
        var primary = (requested ?? "").Trim().Split('-', '_')[0].ToLowerInvariant();
        return LanguageFolders.Find(primary) ?? LanguageFolders.English;
    }

    /// <summary>The culture dates and amounts are written in for <paramref name="language"/>, as its folder names it.</summary>
    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(LanguageFolders.Facts(Normalize(language)).Culture);

    /// <summary>A date as a customer reads it in <paramref name="language"/>, in its folder's date format.</summary>
    public static string Date(DateTimeOffset at, string language) =>
        at.ToString(LanguageFolders.Facts(Normalize(language)).DateFormat, Culture(language));
}
