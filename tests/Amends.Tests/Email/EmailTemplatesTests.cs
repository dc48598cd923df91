using Amends.Email;

namespace Amends.Tests.Email;

public sealed class EmailTemplatesTests
{
    private static readonly Dictionary<string, object?> Values = new()
    {
        ["number"] = "AMD-7K3M9Q2X",
        ["name"] = "Giulia",
        ["order"] = "#1001",
        ["store"] = "Shop",
        ["next_update"] = "2 December 2026",
        ["message"] = "Il ricambio è partito.",
    };

    public static TheoryData<string, CustomerEmailKind> EveryTemplate()
    {
        TheoryData<string, CustomerEmailKind> data = [];
        foreach (var language in CustomerLanguage.Supported)
        {
            foreach (var kind in Enum.GetValues<CustomerEmailKind>())
            {
                data.Add(language, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTemplate))]
    public void Every_language_has_every_email_with_the_incident_tag_in_the_subject(string language, CustomerEmailKind kind)
    {
        var (subject, body) = new EmailTemplates().Render(kind, language, Values);

        Assert.StartsWith("[AMD-7K3M9Q2X]", subject);
        Assert.Contains("Giulia", body);
        Assert.DoesNotContain("{{", body);
    }

    [Theory]
    [InlineData("it", "Abbiamo ricevuto")]
    [InlineData("pl", "Otrzymaliśmy")]
    [InlineData("nb", "Vi har mottatt")]
    [InlineData("no", "Vi har mottatt")]
    [InlineData("de", "Wir haben Ihre Meldung erhalten")]
    [InlineData("de-AT", "Wir haben Ihre Meldung erhalten")]
    [InlineData("fr", "We have received")]
    [InlineData(null, "We have received")]
    public void Acknowledgement_is_in_the_customers_language_and_english_when_unknown(string? language, string expected)
    {
        var (subject, _) = new EmailTemplates().Render(CustomerEmailKind.Acknowledgement, language!, Values);

        Assert.Contains(expected, subject);
    }

    [Fact]
    public void Staff_message_with_accents_survives_unescaped()
    {
        var (_, body) = new EmailTemplates().Render(CustomerEmailKind.StaffUpdate, "it", Values);

        Assert.Contains("Il ricambio è partito.", body);
    }
}
