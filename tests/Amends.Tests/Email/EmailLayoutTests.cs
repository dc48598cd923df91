using Amends.CustomerLinks;
using Amends.Email;
using Amends.Storefront;
using Microsoft.Extensions.Options;

namespace Amends.Tests.Email;

/// <summary>The HTML part is the template's own text, encoded, in the store's colours, with its links clickable.</summary>
public sealed class EmailLayoutTests
{
    private const string StatusLink = "https://care.shop.example/status/AMD-7K3M9Q2X.0.1767225600.sig";

    private static readonly StoreIdentity Store = new()
    {
        Name = "Casa & Bella",
        ContactEmail = "aiuto@shop.example",
        Phone = "+39 02 1234 5678",
        Colour = "#7A1F3D",
    };

    private static readonly EmailLayout Layout = new(Options.Create(Store), Options.Create(new CustomerLinkOptions { PublicBaseUrl = "https://care.shop.example" }));

    private static string Body => $"""
        Gentile Giulia,

        <script>alert('staff typed this')</script> & see https://carrier.example/track?id=1&x=2.

        Segua la sua pratica, o ci invii un messaggio o delle foto: {StatusLink}

        - uno
        - due

        Cordiali saluti,
        Casa & Bella
        """;

    [Fact]
    public void The_html_is_in_the_customers_language_with_the_subject_as_its_title_and_heading()
    {
        var html = Layout.Html("it", "[AMD-7K3M9Q2X] Notizie sul suo ordine", Body);

        Assert.Contains("<html lang=\"it\" dir=\"ltr\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>[AMD-7K3M9Q2X] Notizie sul suo ordine</title>", html, StringComparison.Ordinal);
        Assert.Contains("role=\"article\" aria-roledescription=\"email\"", html, StringComparison.Ordinal);
        Assert.Contains(">Notizie sul suo ordine</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_typed_is_encoded_and_only_web_addresses_become_links()
    {
        var html = Layout.Html("it", "[AMD-7K3M9Q2X] Notizie", Body);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;staff typed this&#x27;)&lt;/script&gt; &amp; see ", html, StringComparison.Ordinal);
        // Someone else's address stays visible as the link's text; the sentence's full stop stays out of it.
        Assert.Contains(">https://carrier.example/track?id=1&amp;x=2</a>.", html, StringComparison.Ordinal);
        // Our own link is named by what it does.
        Assert.Contains($"<a href=\"{StatusLink}\"", html, StringComparison.Ordinal);
        Assert.Contains(">Segua la sua pratica, o ci invii un messaggio o delle foto</a>", html, StringComparison.Ordinal);
        Assert.Contains("<li style=\"margin:0 0 4px\">uno</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_store_is_named_above_and_its_contact_is_below_in_its_colour()
    {
        var html = Layout.Html("en", "[AMD-7K3M9Q2X] News", Body);

        Assert.Contains("background-color:#7a1f3d\"><p style=\"margin:0;font-size:20px;line-height:1.3;font-weight:bold;color:#ffffff\">Casa &amp; Bella</p>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:aiuto@shop.example\" style=\"color:#7a1f3d;text-decoration:underline\">aiuto@shop.example</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:&#x2B;390212345678\"", html, StringComparison.Ordinal);
        Assert.Contains("<!--[if mso]><table role=\"presentation\" width=\"600\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_logo_carries_the_stores_name_as_its_text()
    {
        var layout = new EmailLayout(Options.Create(new StoreIdentity { Name = "Casa Bella", LogoUrl = "https://shop.example/logo.png" }), Options.Create(new CustomerLinkOptions()));

        Assert.Contains("<img src=\"https://shop.example/logo.png\" alt=\"Casa Bella\" height=\"48\"", layout.Html("en", "News", "Hello."), StringComparison.Ordinal);
    }

    [Fact]
    public void The_plain_text_ends_with_the_stores_contact_under_a_signature_line()
    {
        Assert.EndsWith("Casa & Bella\n\n-- \nCasa & Bella\naiuto@shop.example\n+39 02 1234 5678\n", Layout.Text(Body + "\n"), StringComparison.Ordinal);
        Assert.Equal("Hello.\n", new EmailLayout(Options.Create(new StoreIdentity()), Options.Create(new CustomerLinkOptions())).Text("Hello.\n"));
    }
}
