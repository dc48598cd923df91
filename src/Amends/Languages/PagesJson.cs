using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amends.Email;

namespace Amends.Languages;

/// <summary>The customer pages' words: each language folder's <c>pages.json</c>.</summary>
internal static class PagesJson
{
    /// <summary>The words in <paramref name="language"/>'s <c>pages.json</c>, by key.</summary>
    public static JsonObject Words(string language) =>
        JsonNode.Parse(LanguageFolders.Read(language, "pages.json") ?? "{}") as JsonObject
            ?? throw new InvalidOperationException($"pages.json of {language} is not an object.");
}

/// <summary>
/// A language's <c>pages.json</c> read into <typeparamref name="TWords"/> (camelCase keys, a <c>language</c> key
/// with the language's code added): the folder's words over English's, so a word the folder lacks reads in
/// English rather than blank. Each language is read once.
/// </summary>
/// <typeparam name="TWords">The record of the words a page uses; keys it has no property for are ignored.</typeparam>
internal static class PagesJson<TWords>
    where TWords : class
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly ConcurrentDictionary<string, TWords> Loaded = new(StringComparer.Ordinal);

    /// <summary>The words in <paramref name="language"/>, English's where it lacks one, English's all when we do not speak it.</summary>
    public static TWords For(string? language) => Loaded.GetOrAdd(CustomerLanguage.Normalize(language), Load);

    private static TWords Load(string language)
    {
        var words = PagesJson.Words(LanguageFolders.English);
        if (language != LanguageFolders.English)
        {
            foreach (var (key, value) in PagesJson.Words(language))
            {
                words[key] = value?.DeepClone();
            }
        }

        words["language"] = language;
        return words.Deserialize<TWords>(Json) ?? throw new InvalidOperationException($"The words of {language} for {typeof(TWords).Name} are empty.");
    }
}
