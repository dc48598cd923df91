using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amends.Incidents;

namespace Amends.Inbound;

/// <summary>A first guess from a customer's own words; staff confirm or correct it.</summary>
/// <param name="Category">What probably went wrong; <see cref="IncidentCategory.Unknown"/> when nothing matched.</param>
/// <param name="Responsibility">Who is then probably responsible.</param>
/// <param name="Language">The language they wrote in (en, it, pl, nb).</param>
/// <param name="OrderNumber">The order number they quoted, if any.</param>
/// <param name="Evidence">The words that decided the category, for staff.</param>
public sealed record FirstGuess(
    IncidentCategory Category,
    Responsibility Responsibility,
    string Language,
    string? OrderNumber,
    IReadOnlyList<string> Evidence);

/// <summary>
/// A rule-based first guess of an incident from the customer's email, in English, Italian, Polish
/// and Norwegian: keywords per category, common words per language, the order number by its label.
/// Words match without accents too, since many customers type without them.
/// </summary>
public static partial class IncidentClassifier
{
    // Most specific first: on equal scores the earlier category wins ("missing" beats "broken").
    private static readonly (IncidentCategory Category, string[] Keywords)[] Rules =
    [
        (IncidentCategory.NotDelivered,
        [
            "never arrived", "has not arrived", "hasn't arrived", "not arrived", "not been delivered", "not delivered", "not received", "never received", "didn't receive", "lost parcel", "where is my",
            "non è arrivato", "non e arrivato", "non è mai arrivato", "mai arrivato", "non ho ricevuto", "non ancora arrivato", "pacco smarrito", "non consegnato",
            "nie dotarła", "nie dotarł", "nie doszła", "nie doszło", "nie otrzymałem", "nie otrzymałam", "nie dostałem", "nie dostałam", "zaginęła", "nie została dostarczona",
            "ikke kommet", "ikke mottatt", "ikke levert", "har ikke fått", "aldri kommet", "forsvunnet",
        ]),
        (IncidentCategory.WrongItem,
        [
            "wrong item", "wrong size", "wrong colour", "wrong color", "wrong product", "not what i ordered", "different item", "sent me the wrong",
            "articolo sbagliato", "prodotto sbagliato", "taglia sbagliata", "colore sbagliato", "non è quello che ho ordinato", "invece del", "invece di",
            "zły produkt", "zły rozmiar", "zły kolor", "niewłaściwy", "nie to, co zamówiłem", "nie to co zamówiłam", "zamiast",
            "feil vare", "feil størrelse", "feil farge", "feil produkt", "ikke det jeg bestilte", "i stedet for",
        ]),
        (IncidentCategory.MissingPart,
        [
            "missing", "not included", "wasn't in the box", "was not in the box", "is not in the box",
            "manca", "mancava", "mancano", "mancante", "non c'era", "non era nella scatola",
            "brakuje", "brakowało", "brak pokrywki", "nie było w paczce", "nie było w pudełku",
            "mangler", "manglet", "var ikke med", "ikke med i esken",
        ]),
        (IncidentCategory.DamagedInTransit,
        [
            "damaged in transit", "arrived damaged", "box was crushed", "parcel was crushed", "crushed", "dented", "courier", "damaged parcel", "damaged box",
            "danneggiato durante il trasporto", "arrivato danneggiato", "pacco danneggiato", "scatola danneggiata", "schiacciato", "schiacciata", "ammaccato", "corriere",
            "uszkodzona paczka", "paczka była uszkodzona", "przesyłka uszkodzona", "uszkodzona przesyłka", "zgnieciona", "zgniecione", "kurier",
            "skadet under transport", "pakken var skadet", "skadet pakke", "knust eske", "bulket", "transportskade",
        ]),
        (IncidentCategory.NotAsDescribed,
        [
            "not as described", "different from the picture", "different from the photo", "doesn't match the description", "does not match the description", "not what the website",
            "non corrisponde", "diverso dalla foto", "diverso dalla descrizione", "non come descritto",
            "niezgodny z opisem", "niezgodna z opisem", "niezgodne z opisem", "inny niż na zdjęciu", "nie zgadza się z opisem",
            "ikke som beskrevet", "stemmer ikke med beskrivelsen", "annerledes enn bildet", "ser annerledes ut",
        ]),
        (IncidentCategory.ChangedMind,
        [
            "changed my mind", "no longer want", "don't want it", "do not want it", "don't like", "do not like", "return it for a refund",
            "ho cambiato idea", "non mi piace", "non lo voglio più", "non la voglio più", "vorrei restituire",
            "rozmyśliłem", "rozmyśliłam", "zmieniłem zdanie", "zmieniłam zdanie", "nie podoba mi się", "chcę zwrócić", "chciałbym zwrócić", "chciałabym zwrócić",
            "ombestemt meg", "liker ikke", "angrer", "vil returnere", "angrerett",
        ]),
        (IncidentCategory.Defective,
        [
            "broken", "defective", "doesn't work", "does not work", "stopped working", "faulty", "cracked", "came apart",
            "rotto", "rotta", "rotti", "difettoso", "difettosa", "non funziona", "guasto", "crepato", "crepata", "spaccato", "si è staccato", "staccato",
            "zepsuty", "zepsuta", "zepsute", "nie działa", "wadliwy", "wadliwa", "pękł", "pękła", "pęknięty", "pęknięta", "uszkodzony", "uszkodzona", "odpadł", "odpadła",
            "ødelagt", "virker ikke", "fungerer ikke", "defekt", "sprukket", "sprekk", "i stykker", "knekt", "løsnet",
        ]),
    ];

    private static readonly Dictionary<string, string[]> LanguageWords = new(StringComparer.Ordinal)
    {
        ["en"] = ["the", "and", "is", "not", "my", "i", "it", "was", "with", "hello", "hi", "thanks", "thank", "you", "please", "order", "have", "of", "dear", "regards"],
        ["it"] = ["il", "la", "che", "non", "è", "per", "sono", "ho", "un", "una", "del", "della", "grazie", "buongiorno", "salve", "ordine", "mi", "di", "gentile", "cordiali"],
        ["pl"] = ["nie", "się", "jest", "że", "to", "i", "w", "na", "z", "mi", "dzień", "dobry", "dziękuję", "zamówienie", "zamówienia", "pozdrawiam", "czy", "proszę", "mam", "był"],
        ["nb"] = ["ikke", "jeg", "og", "det", "er", "på", "en", "et", "som", "med", "hei", "takk", "bestilling", "bestillingen", "har", "vennlig", "hilsen", "mvh", "dere", "kan"],
    };

    /// <summary>The guess for an email with <paramref name="subject"/> and <paramref name="body"/>.</summary>
    public static FirstGuess Guess(string subject, string body)
    {
        var text = $"{subject}\n{body}";
        var lower = text.ToLowerInvariant();
        var plain = WithoutAccents(lower);
        var best = IncidentCategory.Unknown;
        var bestScore = 0;
        List<string> evidence = [];
        foreach (var (category, keywords) in Rules)
        {
            var hits = keywords.Where(k => Contains(lower, k) || Contains(plain, WithoutAccents(k))).ToList();

            // Phrases say more than single words.
            var score = hits.Sum(k => k.Contains(' ', StringComparison.Ordinal) ? 2 : 1);
            if (score > bestScore)
            {
                (best, bestScore, evidence) = (category, score, hits);
            }
        }

        return new FirstGuess(best, ResponsibleFor(best), Language(lower), OrderNumber(text), evidence);
    }

    /// <summary>Who is usually responsible for <paramref name="category"/>.</summary>
    public static Responsibility ResponsibleFor(IncidentCategory category) => category switch
    {
        IncidentCategory.DamagedInTransit or IncidentCategory.NotDelivered => Responsibility.Carrier,
        IncidentCategory.Defective or IncidentCategory.MissingPart or IncidentCategory.WrongItem or IncidentCategory.NotAsDescribed => Responsibility.Store,
        IncidentCategory.ChangedMind => Responsibility.Customer,
        _ => Responsibility.Unknown,
    };

    private static string Language(string lower)
    {
        var words = Words().Matches(lower).Select(m => m.Value).ToList();
        var scores = LanguageWords.ToDictionary(l => l.Key, l => words.Count(w => l.Value.Contains(w)));

        // Letters only one of the languages uses are strong evidence.
        scores["pl"] += 3 * lower.Count(c => "ąćęłńśźż".Contains(c));
        scores["nb"] += 3 * lower.Count(c => "åøæ".Contains(c));
        scores["it"] += 2 * lower.Count(c => "àèìòù".Contains(c));
        var best = scores.OrderByDescending(s => s.Value).First();
        return best.Value == 0 ? "en" : best.Key;
    }

    private static string? OrderNumber(string text)
    {
        if (LabelledOrderNumber().Matches(text).FirstOrDefault(m => m.Groups[1].Value.Any(char.IsAsciiDigit)) is { } labelled)
        {
            return labelled.Groups[1].Value;
        }

        return HashOrderNumber().Match(text) is { Success: true } hashed ? hashed.Value : null;
    }

    private static bool Contains(string text, string keyword)
    {
        for (var at = text.IndexOf(keyword, StringComparison.Ordinal); at >= 0; at = text.IndexOf(keyword, at + 1, StringComparison.Ordinal))
        {
            // Whole words at the keyword's start, so "ho" in "hook" or "manca" in "mancato" only count where they should.
            if (at == 0 || !char.IsLetter(text[at - 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static string WithoutAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                // ł, ø and æ do not decompose.
                plain.Append(c switch { 'ł' => 'l', 'ø' => 'o', 'æ' => 'e', _ => c });
            }
        }

        return plain.ToString().Normalize(NormalizationForm.FormC);
    }

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(
        @"(?:order|ordine|zam[oó]wieni[eua]|ordre|bestilling(?:en)?|ordrenummer|ordernummer|numer zam[oó]wienia)\s*(?:number|numero|numer|nummer|nr\.?|no\.|n\.)?\s*:?\s*(#?[A-Za-z0-9][A-Za-z0-9\-/]{2,30})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelledOrderNumber();

    [GeneratedRegex(@"#[0-9][A-Za-z0-9\-/]{2,30}", RegexOptions.CultureInvariant)]
    private static partial Regex HashOrderNumber();
}
