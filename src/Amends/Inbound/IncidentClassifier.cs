using System.Text.RegularExpressions;
using Amends.Email;
using Amends.Incidents;
using Amends.Languages;
using Microsoft.Extensions.Options;

namespace Amends.Inbound;

/// <summary>A first guess from a customer's own words; staff confirm or correct it.</summary>
/// <param name="Category">What probably went wrong; <see cref="IncidentCategory.Unknown"/> when nothing matched.</param>
/// <param name="Responsibility">Who is then probably responsible.</param>
/// <param name="Language">The language they wrote in (a language folder's code); the store's default when it was not clear.</param>
/// <param name="OrderNumber">The order number they quoted, if any.</param>
/// <param name="Evidence">The terms that decided the category, for staff.</param>
public sealed record FirstGuess(
    IncidentCategory Category,
    Responsibility Responsibility,
    string Language,
    string? OrderNumber,
    IReadOnlyList<string> Evidence);

/// <summary>
/// A rule-based first guess of an incident from the customer's own words (quotes, signatures and
/// footers already stripped), in every language with a folder under <c>Languages</c>. The vocabulary is data
/// (<see cref="LanguageTerms"/>, and each folder's order words); the rules are these: a term describing a problem outweighs a word
/// that only mentions something (a product that leaks outweighs a courier who came on time); words
/// saying who made the mistake settle it ("I ordered the wrong size" is the customer's, "you sent the
/// wrong size" the store's); what follows "but" weighs double; a denied term ("not damaged") does not count;
/// words that only mention something never decide alone.
/// Every language's terms are tried, since customers mix languages and quote product names.
/// </summary>
public sealed partial class IncidentClassifier
{
    private const int DecisiveWeight = 5;
    private const int TermWeight = 3;
    private const int HintWeight = 1;

    /// <summary>How many words may stand between the words of a term.</summary>
    private const int MaxGap = 2;

    /// <summary>How long a term word must be to be found at the end of a compound ("lampe" in "taklampe", not "most" in "almost").</summary>
    private const int MinimumCompoundPart = 5;

    /// <summary>How many words before a term a negation denies it.</summary>
    private const int NegationReach = 2;

    /// <summary>On equal scores the more specific category wins ("missing" beats "broken").</summary>
    private static readonly IncidentCategory[] Specificity =
    [
        IncidentCategory.ChangedMind, IncidentCategory.NotDelivered, IncidentCategory.WrongItem, IncidentCategory.MissingPart,
        IncidentCategory.DamagedInTransit, IncidentCategory.NotAsDescribed, IncidentCategory.Defective,
    ];

    /// <summary>
    /// An order number after an order word of any language ("Bestell-Nr.: 4711", "numer zamówienia 1001"),
    /// the language folders' words longest first, so "ordrenummer" is not read as "ordre".
    /// </summary>
    private static readonly Lazy<Regex> LabelledOrderNumber = new(() =>
    {
        var facts = LanguageFolders.Codes.Select(LanguageFolders.Facts).ToList();
        static string AnyOf(IEnumerable<string> words) =>
            string.Join('|', words.Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(w => w.Length).Select(Regex.Escape));
        return new Regex(
            $@"(?:{AnyOf(facts.SelectMany(f => f.OrderWords))})\s*(?:{AnyOf(facts.SelectMany(f => f.NumberWords))})?\s*:?\s*(#?[A-Za-z0-9][A-Za-z0-9\-/]{{2,30}})",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    });

    private readonly WrittenLanguage language;
    private readonly IReadOnlyList<Rule> rules;

    /// <summary>Loads the terms of every language folder, extended by the store's folder.</summary>
    public IncidentClassifier(WrittenLanguage language, IOptions<ClassifierOptions> options)
        : this(language, ClassifierTermFiles.Load(CustomerLanguage.Supported, options.Value.TermsPath))
    {
    }

    /// <summary>A classifier over the given terms, by language.</summary>
    public IncidentClassifier(WrittenLanguage language, IReadOnlyDictionary<string, LanguageTerms> terms)
    {
        this.language = language;
        // Terms that differ only by an inflecting ending ("rotto", "rotta") are one term: a word counts once, not once per listed form.
        rules = [.. terms.SelectMany(l => Rules(l.Value)).GroupBy(r => (r.Category, r.Form)).Select(g => g.MaxBy(r => r.BaseWeight)!)];
    }

    /// <summary>The guess for a mail with <paramref name="subject"/> whose customer wrote <paramref name="ownWords"/>.</summary>
    /// <param name="subject">The subject: part of what the customer wrote.</param>
    /// <param name="ownWords">The body's own words, as <see cref="QuotedReply.Strip"/> gives them.</param>
    public FirstGuess Guess(string subject, string ownWords)
    {
        var text = string.IsNullOrWhiteSpace(subject) ? ownWords : $"{WithoutReplyPrefix(subject)}\n{ownWords}";
        var sentences = TermText.Sentences(text);
        Dictionary<IncidentCategory, double> scores = [];
        Dictionary<IncidentCategory, List<string>> evidence = [];
        HashSet<IncidentCategory> described = [];
        foreach (var rule in rules)
        {
            foreach (var sentence in sentences)
            {
                if (rule.Weight(sentence) is not { } weight)
                {
                    continue;
                }

                scores[rule.Category] = scores.GetValueOrDefault(rule.Category) + weight;
                (evidence.TryGetValue(rule.Category, out var found) ? found : evidence[rule.Category] = []).Add(rule.Term);
                if (rule.BaseWeight > HintWeight)
                {
                    described.Add(rule.Category);
                }

                // A term counts once per mail: saying it twice is not twice the evidence.
                break;
            }
        }

        // Hints alone never decide: a mention of a box or a courier is not a description of a problem.
        var best = Specificity.Where(described.Contains).OrderByDescending(c => scores[c]).FirstOrDefault(IncidentCategory.Unknown);
        return new FirstGuess(
            best,
            ResponsibleFor(best),
            language.Of(text),
            OrderNumber(text),
            best == IncidentCategory.Unknown ? [] : [.. evidence[best].Distinct()]);
    }

    /// <summary>Who is usually responsible for <paramref name="category"/>.</summary>
    public static Responsibility ResponsibleFor(IncidentCategory category) => category switch
    {
        IncidentCategory.DamagedInTransit or IncidentCategory.NotDelivered => Responsibility.Carrier,
        IncidentCategory.Defective or IncidentCategory.MissingPart or IncidentCategory.WrongItem or IncidentCategory.NotAsDescribed => Responsibility.Store,
        IncidentCategory.ChangedMind => Responsibility.Customer,
        _ => Responsibility.Unknown,
    };

    private static IEnumerable<Rule> Rules(LanguageTerms terms)
    {
        var negations = terms.Negations.Select(TermText.Normalize).ToHashSet(StringComparer.Ordinal);
        var contrasts = terms.Contrasts.Select(TermText.Normalize).ToHashSet(StringComparer.Ordinal);
        var respellings = terms.Respellings.ToDictionary(r => TermText.Normalize(r.Key), r => TermText.Normalize(r.Value), StringComparer.Ordinal);
        var endings = terms.Endings.Select(TermText.Normalize).Where(e => e.Length > 0).Distinct().ToList();
        var context = new RuleContext(negations, contrasts, respellings, endings, terms.Compounds);
        foreach (var (category, words) in terms.Categories)
        {
            foreach (var (list, weight) in new[] { (words.Decisive, DecisiveWeight), (words.Terms, TermWeight), (words.Hints, HintWeight) })
            {
                foreach (var term in list.Where(t => !string.IsNullOrWhiteSpace(t)))
                {
                    yield return new Rule(category, term, [.. TermText.TermWords(term).Select(w => respellings.GetValueOrDefault(w, w))], weight, context);
                }
            }
        }
    }

    private static string WithoutReplyPrefix(string subject) => ReplyPrefix().Replace(subject, "");

    private static string? OrderNumber(string text)
    {
        if (LabelledOrderNumber.Value.Matches(text).FirstOrDefault(m => m.Groups[1].Value.Any(char.IsAsciiDigit)) is { } labelled)
        {
            return labelled.Groups[1].Value;
        }

        return HashOrderNumber().Match(text) is { Success: true } hashed ? hashed.Value : null;
    }

    [GeneratedRegex(@"^\s*((re|fw|fwd|r|i|odp|sv|vs|aw|wg|pd|rif)\s*:\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPrefix();

    [GeneratedRegex(@"#[0-9][A-Za-z0-9\-/]{2,30}", RegexOptions.CultureInvariant)]
    private static partial Regex HashOrderNumber();

    private sealed record RuleContext(
        IReadOnlySet<string> Negations,
        IReadOnlySet<string> Contrasts,
        IReadOnlyDictionary<string, string> Respellings,
        IReadOnlyList<string> Endings,
        bool Compounds);

    /// <summary>One term of one language's category.</summary>
    private sealed record Rule(IncidentCategory Category, string Term, IReadOnlyList<string> Words, int BaseWeight, RuleContext Context)
    {
        /// <summary>A term that itself denies ("doesn't work", "never arrived") cannot be denied again by its own negation.</summary>
        private readonly bool deniesItself = Words.Any(Context.Negations.Contains);

        /// <summary>The term's words without their inflecting endings.</summary>
        private readonly string[] stems = [.. Words.Select(w => w.EndsWith('*') ? w : TermText.Stem(w, Context.Endings))];

        /// <summary>The term's words without their inflecting endings, as one text: the same for every listed form of one term.</summary>
        public string Form => string.Join(' ', stems);

        /// <summary>What the term weighs in <paramref name="sentence"/>, or null when it is not there (or denied).</summary>
        public double? Weight(IReadOnlyList<string> sentence)
        {
            if (Words.Count == 0)
            {
                return null;
            }

            for (var start = 0; start < sentence.Count; start++)
            {
                if (!Matches(0, sentence[start]) || End(sentence, start) is not { })
                {
                    continue;
                }

                if (!deniesItself && Denied(sentence, start))
                {
                    continue;
                }

                var afterContrast = sentence.Take(start).Any(w => Context.Contrasts.Contains(Spelled(w)));
                return afterContrast ? 2 * BaseWeight : BaseWeight;
            }

            return null;
        }

        /// <summary>Where the term ends when it starts at <paramref name="start"/>, or null when its other words do not follow.</summary>
        private int? End(IReadOnlyList<string> sentence, int start)
        {
            var at = start;
            for (var w = 1; w < Words.Count; w++)
            {
                var next = Enumerable.Range(at + 1, MaxGap + 1).FirstOrDefault(i => i < sentence.Count && Matches(w, sentence[i]), -1);
                if (next < 0)
                {
                    return null;
                }

                at = next;
            }

            return at;
        }

        private bool Denied(IReadOnlyList<string> sentence, int start) =>
            Enumerable.Range(Math.Max(0, start - NegationReach), start - Math.Max(0, start - NegationReach))
                .Any(i => Context.Negations.Contains(Spelled(sentence[i])));

        /// <summary>
        /// Whether <paramref name="word"/> is the term's word at <paramref name="index"/>: a prefix for a starred word,
        /// otherwise the same word up to an inflecting ending, or, where compounds are written as one word, a longer
        /// word ending in it ("taklampa" for "lampe").
        /// </summary>
        private bool Matches(int index, string word)
        {
            var termWord = Words[index];
            var spelled = Spelled(word);
            if (termWord.EndsWith('*'))
            {
                return spelled.StartsWith(termWord[..^1], StringComparison.Ordinal);
            }

            if (spelled == termWord)
            {
                return true;
            }

            var stem = TermText.Stem(spelled, Context.Endings);
            return stem == stems[index]
                || (Context.Compounds && termWord.Length >= MinimumCompoundPart && stem.Length > stems[index].Length && stem.EndsWith(stems[index], StringComparison.Ordinal));
        }

        private string Spelled(string word) => Context.Respellings.GetValueOrDefault(word, word);
    }
}
