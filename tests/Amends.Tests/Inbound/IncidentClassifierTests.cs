using Amends.Inbound;
using Amends.Incidents;

namespace Amends.Tests.Inbound;

/// <summary>The first guess from a customer's words, in the four languages the store's customers write.</summary>
public sealed class IncidentClassifierTests
{
    [Theory]
    [InlineData("Kettle broken", "The handle is broken and it does not work.", IncidentCategory.Defective, "en")]
    [InlineData("Parcel", "The parcel never arrived, the tracking says delivered.", IncidentCategory.NotDelivered, "en")]
    [InlineData("Ordine 1001", "Buongiorno, nella scatola manca il coperchio. Grazie", IncidentCategory.MissingPart, "it")]
    [InlineData("Reso", "Ho cambiato idea, non mi piace il colore e vorrei restituire il bollitore.", IncidentCategory.ChangedMind, "it")]
    [InlineData("Zamówienie", "Dzień dobry, otrzymałem zły produkt zamiast czajnika dostałem toster.", IncidentCategory.WrongItem, "pl")]
    [InlineData("Paczka", "Paczka nie dotarła, a minęły już dwa tygodnie. Pozdrawiam", IncidentCategory.NotDelivered, "pl")]
    [InlineData("Kjelen", "Hei, kjelen er ikke som beskrevet på nettsiden. Mvh Kari", IncidentCategory.NotAsDescribed, "nb")]
    [InlineData("Pakke", "Pakken var skadet og kjelen har en bulk. Transportskade, tror jeg.", IncidentCategory.DamagedInTransit, "nb")]
    [InlineData("Hello", "I have a question about my invoice.", IncidentCategory.Unknown, "en")]
    public void Guesses_the_category_and_the_language(string subject, string body, IncidentCategory category, string language)
    {
        var guess = IncidentClassifier.Guess(subject, body);

        Assert.Equal((category, language), (guess.Category, guess.Language));
        Assert.Equal(IncidentClassifier.ResponsibleFor(category), guess.Responsibility);
    }

    [Fact]
    public void Keywords_match_without_accents_too()
    {
        Assert.Equal(IncidentCategory.NotDelivered, IncidentClassifier.Guess("", "paczka nie dotarla do mnie").Category);
    }

    [Theory]
    [InlineData("Manico rotto - ordine #1042", "#1042")]
    [InlineData("Uszkodzona paczka - zamówienie nr 3391", "3391")]
    [InlineData("Feil farge, bestilling 7788", "7788")]
    [InlineData("Order number: A-5521", "A-5521")]
    [InlineData("My order from last week, #4410, is late", "#4410")]
    [InlineData("No number here", null)]
    public void Finds_the_order_number_the_customer_quoted(string subject, string? order)
    {
        Assert.Equal(order, IncidentClassifier.Guess(subject, "").OrderNumber);
    }
}
