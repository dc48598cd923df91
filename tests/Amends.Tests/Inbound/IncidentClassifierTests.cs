using Amends.Email;
using Amends.Inbound;
using Amends.Incidents;
using Microsoft.Extensions.Options;

namespace Amends.Tests.Inbound;

/// <summary>The first guess from a customer's words, in every language the store answers in.</summary>
public sealed class IncidentClassifierTests
{
    /// <summary>The shipped terms, as the hosts load them.</summary>
    internal static readonly IncidentClassifier Shipped = new(new WrittenLanguage(Options.Create(new EmailOptions()), Options.Create(new ClassifierOptions())), Options.Create(new ClassifierOptions()));

    [Theory]
    [InlineData("Kettle broken", "The handle is broken and it does not work.", IncidentCategory.Defective, "en")]
    [InlineData("Parcel", "The parcel never arrived, the tracking says delivered.", IncidentCategory.NotDelivered, "en")]
    [InlineData("Ordine 1001", "Buongiorno, nella scatola manca il coperchio. Grazie", IncidentCategory.MissingPart, "it")]
    [InlineData("Reso", "Ho cambiato idea, non mi piace il colore e vorrei restituire il bollitore.", IncidentCategory.ChangedMind, "it")]
    [InlineData("Zamówienie", "Dzień dobry, otrzymałem zły produkt zamiast czajnika dostałem toster.", IncidentCategory.WrongItem, "pl")]
    [InlineData("Paczka", "Paczka nie dotarła, a minęły już dwa tygodnie. Pozdrawiam", IncidentCategory.NotDelivered, "pl")]
    [InlineData("Kjelen", "Hei, kjelen er ikke som beskrevet på nettsiden. Mvh Kari", IncidentCategory.NotAsDescribed, "nb")]
    [InlineData("Pakke", "Pakken var skadet og kjelen har en bulk. Transportskade, tror jeg.", IncidentCategory.DamagedInTransit, "nb")]
    [InlineData("Wasserkocher", "Guten Tag, seit gestern funktioniert der Wasserkocher nicht mehr. Viele Grüße", IncidentCategory.Defective, "de")]
    [InlineData("Paket", "Das Paket kam völlig zerdrückt an, der Karton war nass.", IncidentCategory.DamagedInTransit, "de")]
    [InlineData("Bestellung", "Im Karton fehlt der Deckel. Können Sie ihn nachschicken?", IncidentCategory.MissingPart, "de")]
    [InlineData("Lieferung", "Meine Bestellung ist nach zwei Wochen immer noch nicht angekommen.", IncidentCategory.NotDelivered, "de")]
    [InlineData("Rücksendung", "Ich habe es mir anders überlegt, der Mantel gefällt mir nicht. Wie kann ich ihn zurückschicken?", IncidentCategory.ChangedMind, "de")]
    [InlineData("Falscher Artikel", "Ich habe einen blauen Pullover bestellt, aber eine falsche Farbe bekommen.", IncidentCategory.WrongItem, "de")]
    [InlineData("Hello", "I have a question about my invoice.", IncidentCategory.Unknown, "en")]
    public void Guesses_the_category_and_the_language(string subject, string body, IncidentCategory category, string language)
    {
        var guess = Shipped.Guess(subject, body);

        Assert.Equal((category, language), (guess.Category, guess.Language));
        Assert.Equal(IncidentClassifier.ResponsibleFor(category), guess.Responsibility);
    }

    [Theory]
    [InlineData("Czajnik", "Czajnik przestał działać po tygodniu.", IncidentCategory.Defective)]
    [InlineData("Kettle", "The kettle won't switch on any more.", IncidentCategory.Defective)]
    [InlineData("Blender", "Hi, my blender wont even turn on", IncidentCategory.Defective)]
    [InlineData("Pakken", "Pakken kom aldri frem, hva skjer?", IncidentCategory.NotDelivered)]
    [InlineData("Ordine", "Nella scatola non c’era il coperchio.", IncidentCategory.MissingPart)]
    [InlineData("Ordine", "NELLA SCATOLA NON C'ERA IL COPERCHIO", IncidentCategory.MissingPart)]
    [InlineData("Paczka", "paczka nie dotarla do mnie", IncidentCategory.NotDelivered)]
    [InlineData("Bestilling", "Jeg har ikke mottatt pakken ennå", IncidentCategory.NotDelivered)]
    public void Matches_word_forms_typographic_apostrophes_case_and_missing_accents(string subject, string body, IncidentCategory category)
    {
        Assert.Equal(category, Shipped.Guess(subject, body).Category);
    }

    [Theory]
    [InlineData("Tazze", "Le tazze sono arrivate rotte.", IncidentCategory.DamagedInTransit)]
    [InlineData("Sukienka", "Sukienka wygląda inaczej niż na zdjęciach.", IncidentCategory.NotAsDescribed)]
    [InlineData("Sluchawki", "Sluchawki nie laduja sie.", IncidentCategory.Defective)]
    [InlineData("Puter", "Putene er mye tynnere enn på bildene.", IncidentCategory.NotAsDescribed)]
    [InlineData("Vase", "Vasen var sønderknust da jeg åpnet esken.", IncidentCategory.DamagedInTransit)]
    [InlineData("Invoice", "I almost forgot: could you send the invoice again?", IncidentCategory.Unknown)]
    public void Inflections_and_compounds_find_the_terms_short_words_do_not(string subject, string body, IncidentCategory category)
    {
        Assert.Equal(category, Shipped.Guess(subject, body).Category);
    }

    [Theory]
    [InlineData("rotti", "rott")]
    [InlineData("zdjęciach", "zdjęci")]
    [InlineData("pakkene", "pakk")]
    [InlineData("non", "non")]
    public void A_stem_keeps_at_least_four_letters(string word, string stem)
    {
        Assert.Equal(TermText.Normalize(stem), TermText.Stem(TermText.Normalize(word), ["a", "e", "i", "o", "ach", "ene"]));
    }

    [Theory]
    [InlineData("Kettle", "The courier delivered on time and the box was fine, but the kettle leaks from the bottom.", IncidentCategory.Defective, Responsibility.Store)]
    [InlineData("Bollitore", "Il corriere è stato puntuale, ma il bollitore non si accende.", IncidentCategory.Defective, Responsibility.Store)]
    [InlineData("Sizes", "I ordered the wrong size, could I swap it for a medium?", IncidentCategory.ChangedMind, Responsibility.Customer)]
    [InlineData("Sizes", "I ordered a medium but you sent the wrong size, a small.", IncidentCategory.WrongItem, Responsibility.Store)]
    [InlineData("Taglia", "Ho ordinato la taglia sbagliata, posso cambiarla?", IncidentCategory.ChangedMind, Responsibility.Customer)]
    [InlineData("Størrelse", "Jeg bestilte feil størrelse, kan jeg bytte?", IncidentCategory.ChangedMind, Responsibility.Customer)]
    [InlineData("Rozmiar", "Wysłaliście mi zły rozmiar, zamawiałam M.", IncidentCategory.WrongItem, Responsibility.Store)]
    public void A_described_problem_outweighs_a_mention_and_who_erred_decides(string subject, string body, IncidentCategory category, Responsibility responsibility)
    {
        var guess = Shipped.Guess(subject, body);

        Assert.Equal((category, responsibility), (guess.Category, guess.Responsibility));
    }

    [Theory]
    [InlineData("Lamp", "The box was not damaged at all, but the lamp flickers and then dies.", IncidentCategory.Defective)]
    [InlineData("Lampa", "Paczka nie była uszkodzona, ale lampa nie włącza się.", IncidentCategory.Defective)]
    [InlineData("Lampe", "Esken var ikke skadet, men lampen virker ikke.", IncidentCategory.Defective)]
    public void A_denied_term_does_not_count(string subject, string body, IncidentCategory category)
    {
        Assert.Equal(category, Shipped.Guess(subject, body).Category);
    }

    [Fact]
    public void A_store_extends_the_terms_from_its_own_folder_without_a_rebuild()
    {
        var folder = Directory.CreateTempSubdirectory("amends-terms-").FullName;
        File.WriteAllText(Path.Combine(folder, "en.json"), """{ "categories": { "Defective": { "terms": ["wobbles like jelly"] } } }""");
        var extended = new IncidentClassifier(new WrittenLanguage(Options.Create(new EmailOptions()), Options.Create(new ClassifierOptions())), Options.Create(new ClassifierOptions { TermsPath = folder }));

        Assert.Equal(IncidentCategory.Unknown, Shipped.Guess("Table", "The table wobbles like jelly.").Category);
        Assert.Equal(IncidentCategory.Defective, extended.Guess("Table", "The table wobbles like jelly.").Category);
    }

    [Theory]
    [InlineData("Manico rotto - ordine #1042", "#1042")]
    [InlineData("Uszkodzona paczka - zamówienie nr 3391", "3391")]
    [InlineData("Feil farge, bestilling 7788", "7788")]
    [InlineData("Order number: A-5521", "A-5521")]
    [InlineData("Defekt – Bestell-Nr.: 4711-22", "4711-22")]
    [InlineData("Frage zu Bestellnummer 80231", "80231")]
    [InlineData("Ordrenummer: 5512", "5512")]
    [InlineData("My order from last week, #4410, is late", "#4410")]
    [InlineData("No number here", null)]
    public void Finds_the_order_number_the_customer_quoted(string subject, string? order)
    {
        Assert.Equal(order, Shipped.Guess(subject, "").OrderNumber);
    }
}
