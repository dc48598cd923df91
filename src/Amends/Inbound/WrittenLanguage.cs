using Amends.Email;
using Lingua;
using Microsoft.Extensions.Options;

namespace Amends.Inbound;

/// <summary>
/// The language a customer wrote in, told by Lingua (n-gram models of each language) among the
/// languages we answer in. When the text is too short or the models do not clearly prefer one
/// language, it is the store's default language: never a tie broken by list order.
/// </summary>
/// <remarks>
/// One detector serves the whole process: each language's models load on first use and then stay in
/// memory. By default only the trigram models load (under half a second, about 25 MB for four
/// languages, measured by <c>bench language</c>); <see cref="ClassifierOptions.AllLanguageModels"/>
/// loads the uni- to five-gram models Lingua uses for its high accuracy on short texts (about 8 s and
/// 220 MB for four), which our languages, far apart, have not needed on the corpus. The languages are
/// the folders under <c>Languages</c>; the build copies Lingua's models of those alone.
/// </remarks>
public sealed class WrittenLanguage(IOptions<EmailOptions> options, IOptions<ClassifierOptions> classifier)
{
    /// <summary>Below this many letters no model can tell the languages apart reliably.</summary>
    private const int MinLetters = 8;

    /// <summary>The winner's confidence must exceed the runner-up's by this much.</summary>
    private const double MinMargin = 0.25;

    /// <summary>Lingua's language of each language folder, found by the folder's ISO 639-1 code (Lingua names nb "Bokmal").</summary>
    private static readonly Dictionary<Language, string> Codes = CustomerLanguage.Supported.ToDictionary(
        code => Enum.TryParse<IsoCode6391>(code, ignoreCase: true, out var iso) && iso != IsoCode6391.None
            ? LanguageInfo.GetByIsoCode6391(iso)
            : throw new InvalidOperationException($"The language folder {code} is not named by an ISO 639-1 code Lingua knows."),
        code => code);

    private static readonly Lazy<LanguageDetector> Trigrams = new(() => LanguageDetectorBuilder.FromLanguages([.. Codes.Keys]).WithLowAccuracyMode().Build());

    private static readonly Lazy<LanguageDetector> AllNgrams = new(() => LanguageDetectorBuilder.FromLanguages([.. Codes.Keys]).Build());

    /// <summary>The store's default language, used when the text does not say.</summary>
    public string Default => options.Value.DefaultLanguage;

    /// <summary>The language of <paramref name="words"/> (a language folder's code), or <see cref="Default"/> when it is not clear.</summary>
    /// <param name="words">The customer's own words: without quotes, signatures and footers, which are often in another language.</param>
    public string Of(string words) => Detect(words)?.Language ?? Default;

    /// <summary>The language and the detector's confidence in it, or null when no language clearly wins.</summary>
    public (string Language, double Confidence)? Detect(string words)
    {
        if (words.Count(char.IsLetter) < MinLetters)
        {
            return null;
        }

        var detector = classifier.Value.AllLanguageModels ? AllNgrams.Value : Trigrams.Value;
        var ranked = detector.ComputeLanguageConfidenceValues(words).OrderByDescending(c => c.Value).ToList();
        if (ranked.Count == 0 || ranked[0].Value - (ranked.Count > 1 ? ranked[1].Value : 0) < MinMargin)
        {
            return null;
        }

        return (Codes[ranked[0].Key], ranked[0].Value);
    }
}
