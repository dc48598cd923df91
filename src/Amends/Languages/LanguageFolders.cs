using System.Text.Json;

namespace Amends.Languages;

/// <summary>What a language folder's <c>language.json</c> says about writing in it.</summary>
public sealed class LanguageFacts
{
    /// <summary>The .NET culture dates and money are written in ("pl-PL").</summary>
    public string Culture { get; init; } = "";

    /// <summary>Other codes customers' mail programs and stores send for this language ("no" and "nn" for "nb").</summary>
    public List<string> Aliases { get; init; } = [];

    /// <summary>The .NET format of a date in emails and on the status page ("D": "Monday, 7 December 2026").</summary>
    public string DateFormat { get; init; } = "D";

    /// <summary>Words a customer writes before an order number ("Bestellnummer", "Bestell-Nr."), matched without case.</summary>
    public List<string> OrderWords { get; init; } = [];

    /// <summary>Words that may stand between an order word and the number ("Nr.", "Nummer").</summary>
    public List<string> NumberWords { get; init; } = [];
}

/// <summary>
/// The languages the store speaks: one folder each under <c>Languages/</c>, embedded in the assembly
/// under its path. A folder holds <c>language.json</c> (<see cref="LanguageFacts"/>), <c>emails/</c>
/// (one Liquid template per email), <c>pages.json</c> (the customer pages' words) and <c>terms.json</c>
/// (the classifier's words). English is the language every other folder is checked against.
/// </summary>
public static class LanguageFolders
{
    /// <summary>The language we write in when we do not speak the customer's.</summary>
    public const string English = "en";

    private const string Root = "Languages/";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Resource names by their path with forward slashes (MSBuild writes the folder separator of the machine that built it).</summary>
    private static readonly Dictionary<string, string> Resources = typeof(LanguageFolders).Assembly.GetManifestResourceNames()
        .Where(n => n.Replace('\\', '/').StartsWith(Root, StringComparison.Ordinal))
        .ToDictionary(n => n.Replace('\\', '/'), StringComparer.Ordinal);

    /// <summary>The code of every language folder, English first.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Resources.Keys
        .Select(n => n[Root.Length..].Split('/')[0])
        .Distinct(StringComparer.Ordinal)
        .OrderBy(c => c == English ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal)];

    private static readonly Lazy<IReadOnlyDictionary<string, LanguageFacts>> AllFacts = new(() =>
        Codes.ToDictionary(c => c, c => JsonSerializer.Deserialize<LanguageFacts>(Read(c, "language.json") ?? "{}", Json) ?? new LanguageFacts(), StringComparer.Ordinal));

    /// <summary>The facts of <paramref name="code"/>'s folder.</summary>
    public static LanguageFacts Facts(string code) => AllFacts.Value[code];

    /// <summary>The language whose folder or alias is <paramref name="code"/> (lower case, primary subtag only), or null.</summary>
    public static string? Find(string code) =>
        AllFacts.Value.ContainsKey(code) ? code : AllFacts.Value.FirstOrDefault(f => f.Value.Aliases.Contains(code, StringComparer.Ordinal)).Key;

    /// <summary>The files of <paramref name="code"/>'s folder, as paths inside it ("emails/apology.liquid").</summary>
    public static IEnumerable<string> Files(string code) =>
        Resources.Keys.Where(n => n.StartsWith($"{Root}{code}/", StringComparison.Ordinal)).Select(n => n[(Root.Length + code.Length + 1)..]);

    /// <summary>The text of <paramref name="file"/> in <paramref name="code"/>'s folder, or null when the folder has none.</summary>
    public static string? Read(string code, string file)
    {
        if (!Resources.TryGetValue($"{Root}{code}/{file}", out var name))
        {
            return null;
        }

        using var stream = typeof(LanguageFolders).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
