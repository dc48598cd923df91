using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amends.CustomerPages;
using Amends.Email;
using Amends.Inbound;
using Amends.Languages;

namespace Amends.Tests.Languages;

/// <summary>Every language folder is complete against English: a language is added by adding a folder, and a folder missing a word fails here, not in a customer's mailbox.</summary>
public sealed partial class LanguageFoldersTests
{
    public static TheoryData<string> EveryLanguage() => [.. LanguageFolders.Codes];

    [Fact]
    public void The_folders_are_found_by_convention_english_first()
    {
        Assert.Equal("en", LanguageFolders.Codes[0]);
        Assert.Subset(LanguageFolders.Codes.ToHashSet(), new HashSet<string> { "en", "de", "it", "nb", "pl" });
    }

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public void Every_folder_has_every_file_english_has(string language)
    {
        Assert.Empty(LanguageFolders.Files("en").Except(LanguageFolders.Files(language)));
        Assert.All(Enum.GetValues<CustomerEmailKind>(), kind => Assert.Contains(EmailTemplates.FileOf(kind), LanguageFolders.Files(language)));
    }

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public void Every_email_template_parses_and_starts_with_its_subject(string language)
    {
        Assert.All(LanguageFolders.Files(language).Where(f => f.StartsWith("emails/", StringComparison.Ordinal)), file =>
        {
            var source = LanguageFolders.Read(language, file)!;
            Assert.True(EmailTemplates.Parse(source, out var error) is not null, $"{language}/{file}: {error}");
            Assert.StartsWith("Subject: [{{ number }}]", source, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public void Every_page_word_english_has_is_there_with_the_same_placeholders(string language)
    {
        var english = PagesJson.Words("en");
        var words = PagesJson.Words(language);

        Assert.Empty(english.Select(w => w.Key).Except(words.Select(w => w.Key)));
        Assert.Empty(words.Select(w => w.Key).Except(english.Select(w => w.Key)));
        foreach (var (key, value) in english.Where(w => w.Value is JsonValue))
        {
            var text = words[key]!.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(text), $"{language}: {key} is empty");
            Assert.Equal(Placeholders(value!.GetValue<string>()), Placeholders(text));
            Assert.DoesNotContain('<', text);
        }
    }

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public void Every_folder_names_every_language(string language)
    {
        var names = PageText.For(language).LanguageNames;

        Assert.All(LanguageFolders.Codes, code => Assert.False(string.IsNullOrWhiteSpace(names.GetValueOrDefault(code)), $"{language} does not name {code}"));
    }

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public void Every_folder_has_terms_for_every_category_english_has(string language)
    {
        var english = ClassifierTermFiles.Load(["en"], null)["en"];
        var terms = ClassifierTermFiles.Load([language], null)[language];

        Assert.NotEmpty(terms.Negations);
        Assert.NotEmpty(terms.Contrasts);
        Assert.All(english.Categories.Keys, category =>
        {
            Assert.True(terms.Categories.TryGetValue(category, out var words), $"{language} has no terms for {category}");
            Assert.NotEmpty(words.Terms);
            Assert.Equal(english.Categories[category].Decisive.Count > 0, words.Decisive.Count > 0);
        });
    }

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public void Every_folder_names_its_culture_date_format_and_order_words(string language)
    {
        var facts = LanguageFolders.Facts(language);

        Assert.Equal(language, CultureInfo.GetCultureInfo(facts.Culture).TwoLetterISOLanguageName);
        Assert.NotEmpty(CustomerLanguage.Date(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), language));
        Assert.NotEmpty(facts.OrderWords);
        Assert.NotEmpty(facts.NumberWords);
        Assert.Equal(language, CustomerLanguage.Normalize(language));
    }

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
