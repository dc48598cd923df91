using Amends.Email;

namespace Amends.Tests.Email;

/// <summary>Every customer email, of every kind and in every language, carries the status page's link.</summary>
public sealed class StatusLinkInEmailsTests
{
    public static TheoryData<CustomerEmailKind, string> Emails()
    {
        TheoryData<CustomerEmailKind, string> all = [];
        foreach (var kind in Enum.GetValues<CustomerEmailKind>())
        {
            foreach (var language in CustomerLanguage.Supported)
            {
                all.Add(kind, language);
            }
        }

        return all;
    }

    [Theory]
    [MemberData(nameof(Emails))]
    public void The_email_carries_the_status_link(CustomerEmailKind kind, string language)
    {
        const string Link = "https://shop.example/status/AMD-7K3M9Q2X.0.1767225600.signature";

        var (_, body) = new EmailTemplates().Render(kind, language, new Dictionary<string, object?>
        {
            ["number"] = "AMD-7K3M9Q2X",
            ["name"] = "Kari",
            ["order"] = "#1001",
            ["store"] = "Shop",
            ["status_link"] = Link,
        });

        Assert.Contains(": " + Link + "\n", body, StringComparison.Ordinal);
    }
}
