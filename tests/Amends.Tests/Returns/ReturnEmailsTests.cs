using Amends.Email;

namespace Amends.Tests.Returns;

/// <summary>The return's emails say, in each language, what arrived and what was actually paid.</summary>
public sealed class ReturnEmailsTests
{
    private static readonly Dictionary<string, object?> Values = new()
    {
        ["number"] = "AMD-7K3M9Q2X",
        ["name"] = "Giulia",
        ["store"] = "Casa Bella",
        ["status_link"] = "https://shop.example/status/t",
        ["return_number"] = "RET-7K3M9Q2X",
        ["next_update"] = "7 December",
        ["window_closes"] = "30 December",
    };

    [Theory]
    [InlineData("en", "ReturnRefund", "we have sent your refund of 101,50.")]
    [InlineData("it", "ReturnRefund", "le abbiamo inviato il rimborso di 101,50.")]
    [InlineData("pl", "ReturnRefund", "wysłaliśmy zwrot pieniędzy w wysokości 101,50.")]
    [InlineData("nb", "ReturnRefund", "vi har sendt refusjonen din på 101,50.")]
    [InlineData("en", "StoreCredit", "we have given you store credit of 101,50.")]
    [InlineData("nb", "ShippingRefund", "vi har refundert frakten din: 101,50.")]
    [InlineData("de", "ReturnRefund", "wir haben Ihnen 101,50 erstattet.")]
    [InlineData("de", "StoreCredit", "wir haben Ihnen ein Guthaben von 101,50 für unseren Shop gutgeschrieben.")]
    public void The_refund_sent_email_names_the_amount_paid(string language, string kind, string expected)
    {
        var (_, body) = new EmailTemplates().Render(CustomerEmailKind.RefundSent, language, new Dictionary<string, object?>(Values) { ["kind"] = kind, ["amount"] = "101,50" });

        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "your return RET-7K3M9Q2X has arrived")]
    [InlineData("it", "il suo reso RET-7K3M9Q2X è arrivato")]
    [InlineData("pl", "zwrot RET-7K3M9Q2X dotarł do nas")]
    [InlineData("nb", "returen din RET-7K3M9Q2X har kommet fram")]
    [InlineData("de", "Ihre Rücksendung RET-7K3M9Q2X ist bei uns angekommen")]
    public void The_return_received_email_names_the_return(string language, string expected) =>
        Assert.Contains(expected, new EmailTemplates().Render(CustomerEmailKind.ReturnReceived, language, Values).Body, StringComparison.Ordinal);

    [Theory]
    [InlineData("en", "items can be returned until 30 December")]
    [InlineData("it", "possono essere resi fino a 30 December")]
    [InlineData("pl", "produkty można zwrócić do 30 December")]
    [InlineData("nb", "varer kan returneres til og med 30 December")]
    [InlineData("de", "Rücksendungen sind bis 30 December möglich")]
    public void The_reminder_says_until_when_the_item_can_be_returned(string language, string expected) =>
        Assert.Contains(expected, new EmailTemplates().Render(CustomerEmailKind.ReturnReminder, language, Values).Body, StringComparison.Ordinal);
}
