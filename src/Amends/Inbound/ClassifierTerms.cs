using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Amends.Incidents;
using Amends.Languages;

namespace Amends.Inbound;

/// <summary>
/// One language's vocabulary for the first guess, as kept in <c>Languages/{language}/terms.json</c>.
/// A term is a few words; a word ending in <c>*</c> matches every word that starts with it
/// (<c>"przesta* dziala*"</c> matches "przestał działać" and "przestała działać"); up to two other
/// words may stand between the words of a term ("won't even switch on"). Terms match without case
/// and without accents, so the customer's typing does not matter.
/// </summary>
public sealed class LanguageTerms
{
    /// <summary>Words that deny what follows ("not", "non", "nie", "ikke"): "the box was not damaged" is no damage.</summary>
    public List<string> Negations { get; init; } = [];

    /// <summary>Words that turn to what matters ("but", "ma", "ale", "men"): what follows them weighs double.</summary>
    public List<string> Contrasts { get; init; } = [];

    /// <summary>Spellings customers use for a word, mapped to the word the terms use ("dont" → "don't").</summary>
    public Dictionary<string, string> Respellings { get; init; } = [];

    /// <summary>
    /// Endings that only inflect a word ("o", "a", "i", "e" in Italian; "y", "ach", "ego" in Polish; "en", "et" in
    /// Norwegian): a word matches a term word when both are the same once one such ending is taken off, so "rotto"
    /// also finds "rotta" and "rotti", and "zdjęciu" finds "zdjęciach". An ending is only taken off a word of at
    /// least <see cref="TermText.MinimumStem"/> letters more.
    /// </summary>
    public List<string> Endings { get; init; } = [];

    /// <summary>Whether the language writes compounds as one word ("taklampe", "transportskade"): a term word then also matches the end of a longer word.</summary>
    public bool Compounds { get; init; }

    /// <summary>The terms of each category.</summary>
    public Dictionary<IncidentCategory, CategoryTerms> Categories { get; init; } = [];

    /// <summary>Adds <paramref name="more"/>'s words to these (a store's own file extending the shipped one).</summary>
    public void Add(LanguageTerms more)
    {
        Negations.AddRange(more.Negations);
        Contrasts.AddRange(more.Contrasts);
        Endings.AddRange(more.Endings);
        foreach (var (from, to) in more.Respellings)
        {
            Respellings[from] = to;
        }

        foreach (var (category, terms) in more.Categories)
        {
            if (Categories.TryGetValue(category, out var known))
            {
                known.Decisive.AddRange(terms.Decisive);
                known.Terms.AddRange(terms.Terms);
                known.Hints.AddRange(terms.Hints);
            }
            else
            {
                Categories[category] = terms;
            }
        }
    }
}

/// <summary>The words that point to one category, by how much they say.</summary>
public sealed class CategoryTerms
{
    /// <summary>Say who made the mistake and so settle it ("I ordered the wrong size", "you sent me the wrong"): weight 5.</summary>
    public List<string> Decisive { get; init; } = [];

    /// <summary>Describe the problem ("stopped working", "never arrived"): weight 3.</summary>
    public List<string> Terms { get; init; } = [];

    /// <summary>Only mention something related ("courier", "box"): weight 1, outweighed by any described problem.</summary>
    public List<string> Hints { get; init; } = [];
}

/// <summary>A customer's words made comparable with the terms: NFKC, typographic quotes and apostrophes made plain, lower case, accents off.</summary>
public static partial class TermText
{
    /// <summary>How many letters must stay when an inflecting ending is taken off ("nie" and "non" keep theirs).</summary>
    public const int MinimumStem = 4;

    /// <summary>
    /// <paramref name="word"/> without the longest of <paramref name="endings"/> (in comparable form) that leaves at
    /// least <see cref="MinimumStem"/> letters; the word itself when none does.
    /// </summary>
    public static string Stem(string word, IReadOnlyList<string> endings)
    {
        var longest = endings.Where(e => word.Length - e.Length >= MinimumStem && word.EndsWith(e, StringComparison.Ordinal)).MaxBy(e => e.Length);
        return longest is null ? word : word[..^longest.Length];
    }

    /// <summary>The comparable form of <paramref name="text"/>.</summary>
    public static string Normalize(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // ł, ø, æ and ß do not decompose; typographic apostrophes and quotes become plain ones.
            folded.Append(c switch
            {
                'ł' => "l",
                'ø' => "o",
                'æ' => "ae",
                'ß' => "ss",
                '\u2019' or '\u2018' or '\u201B' or '\u02BC' or '\u00B4' or '`' => "'",
                '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' => "\"",
                _ => c.ToString(),
            });
        }

        return folded.ToString();
    }

    /// <summary>
    /// The sentences of <paramref name="text"/>, each as its words in comparable form. English
    /// contractions stay one word ("won't"); other apostrophes split ("c'era" → "c", "era"; "dell'imballo" → "dell", "imballo").
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Sentences(string text) =>
        [.. SentenceBreak().Split(Normalize(text))
            .Select(s => (IReadOnlyList<string>)[.. Word().Matches(s).Select(m => m.Value)])
            .Where(s => s.Count > 0)];

    /// <summary>The words of one term, in comparable form.</summary>
    public static IReadOnlyList<string> TermWords(string term) => [.. Word().Matches(Normalize(term.Replace("*", "__star__", StringComparison.Ordinal))).Select(m => m.Value.Replace("__star__", "*", StringComparison.Ordinal))];

    [GeneratedRegex(@"[.!?;:\n]+(?=\s|$)|\n", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[\p{L}\p{N}_]+n't|[\p{L}\p{N}_*]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}

/// <summary>Loads the term files: each language folder's <c>terms.json</c>, extended by the store's folder.</summary>
public static class ClassifierTermFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The terms of every supported language.</summary>
    /// <param name="languages">The languages to load.</param>
    /// <param name="storeFolder">The store's folder of extra terms (<c>{language}.json</c>), or null.</param>
    /// <exception cref="InvalidOperationException">A language folder has no terms, or a file is not valid.</exception>
    public static IReadOnlyDictionary<string, LanguageTerms> Load(IEnumerable<string> languages, string? storeFolder)
    {
        Dictionary<string, LanguageTerms> all = new(StringComparer.Ordinal);
        foreach (var language in languages)
        {
            var shipped = $"Languages/{language}/terms.json";
            var terms = Parse(LanguageFolders.Read(language, "terms.json") ?? throw new InvalidOperationException($"The term file {shipped} is missing."), shipped);
            var extra = string.IsNullOrWhiteSpace(storeFolder) ? null : Path.Combine(storeFolder, language + ".json");
            if (extra is not null && File.Exists(extra))
            {
                terms.Add(Parse(File.ReadAllText(extra), extra));
            }

            all[language] = terms;
        }

        return all;
    }

    /// <summary>The terms in <paramref name="json"/>, read from <paramref name="source"/>.</summary>
    /// <exception cref="InvalidOperationException">The text is not a valid term file.</exception>
    public static LanguageTerms Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<LanguageTerms>(json, Json) ?? new LanguageTerms();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The term file {source} is not valid: {e.Message}", e);
        }
    }
}
