using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Amends.CustomerLinks;
using Amends.Storefront;
using Microsoft.Extensions.Options;

namespace Amends.Email;

/// <summary>
/// Dresses a rendered template in the store's identity: the plain text gets the store's contact below a
/// signature line, and the same text becomes an accessible HTML part in the store's colour. Templates stay
/// plain text, one per kind and language; every character of them (and so everything a customer or staff
/// member typed) is HTML-encoded, and only web addresses become links.
/// </summary>
/// <remarks>
/// The HTML follows what Gmail, Apple Mail and Outlook for Windows (Word's engine) all render: inline
/// styles only, one centred presentation table for width and padding (Word ignores <c>max-width</c> and
/// padding on <c>div</c> and <c>p</c>, but honours them on table cells), a fixed 600 px column for Word
/// from a conditional comment, an image sized by attributes, no background images, no colour carried
/// by white text that a client could drop the background of.
/// </remarks>
public sealed partial class EmailLayout(IOptions<StoreIdentity> identity, IOptions<CustomerLinkOptions> links)
{
    private const string Font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
    private const string Ink = "#1a1a1a";
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The plain-text body: <paramref name="body"/>, then the store's contact under a signature line when it has one.</summary>
    public string Text(string body)
    {
        var store = identity.Value;
        var contact = new[] { store.ContactEmail, store.Phone }.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).ToList();
        return contact.Count == 0
            ? body
            : $"{body.TrimEnd('\n')}\n\n-- \n{store.Name.Trim()}\n{string.Join('\n', contact)}\n";
    }

    /// <summary>The HTML body for the email <paramref name="subject"/> whose plain text is <paramref name="body"/>, in <paramref name="language"/>.</summary>
    public string Html(string language, string subject, string body)
    {
        var store = identity.Value;
        var colour = store.Colour.ToLowerInvariant();
        var lang = Encode(CustomerLanguage.Normalize(language));
        var heading = IncidentTag().Replace(subject, "").Trim();
        var html = new StringBuilder()
            .Append("<!doctype html>\n")
            .Append($"<html lang=\"{lang}\" dir=\"ltr\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<meta name=\"x-apple-disable-message-reformatting\">")
            .Append("<meta name=\"color-scheme\" content=\"light\"><meta name=\"supported-color-schemes\" content=\"light\">")
            .Append($"<title>{Encode(subject)}</title></head>\n")
            .Append("<body style=\"margin:0;padding:0;background-color:#f2f2f2;word-spacing:normal\">\n")
            // A screen reader announces the message as an email, in its language, named by its subject.
            .Append($"<div role=\"article\" aria-roledescription=\"email\" aria-label=\"{Encode(subject)}\" lang=\"{lang}\" dir=\"ltr\" style=\"background-color:#f2f2f2;padding:16px 0\">\n")
            .Append("<!--[if mso]><table role=\"presentation\" width=\"600\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td><![endif]-->\n")
            .Append("<table role=\"presentation\" width=\"100%\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" ")
            .Append($"style=\"width:100%;max-width:600px;margin:0 auto;background-color:#ffffff;border-collapse:collapse;{Font}font-size:16px;line-height:1.5;color:{Ink}\">\n")
            .Append($"<tr><td style=\"padding:16px 24px;background-color:{colour}\">{Header(store)}</td></tr>\n")
            .Append("<tr><td style=\"padding:8px 24px 16px\">\n")
            .Append($"<h1 style=\"margin:16px 0;{Font}font-size:22px;line-height:1.3;font-weight:bold;color:{Ink}\">{Encode(heading)}</h1>\n");
        foreach (var paragraph in Paragraphs().Split(body.ReplaceLineEndings("\n").Trim('\n')))
        {
            html.Append(Block(paragraph, colour)).Append('\n');
        }

        html.Append("</td></tr>\n")
            .Append($"<tr><td style=\"padding:16px 24px;border-top:4px solid {colour};font-size:14px;line-height:1.5;color:#404040\">{Footer(store, colour)}</td></tr>\n")
            .Append("</table>\n")
            .Append("<!--[if mso]></td></tr></table><![endif]-->\n")
            .Append("</div>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary><paramref name="text"/> safe inside HTML text and attribute values.</summary>
    private static string Encode(string? text) => Encoder.Encode(text ?? "");

    private static string Header(StoreIdentity store)
    {
        var name = Encode(store.Name.Trim());
        // White on the store's colour (its contrast is checked at start-up); the logo carries the name as its text.
        return store.Logo is { } logo
            ? $"<img src=\"{Encode(logo.AbsoluteUri)}\" alt=\"{name}\" height=\"48\" style=\"display:block;height:48px;width:auto;max-width:100%;border:0;color:#ffffff;font-size:20px;font-weight:bold\">"
            : $"<p style=\"margin:0;font-size:20px;line-height:1.3;font-weight:bold;color:#ffffff\">{name}</p>";
    }

    private static string Footer(StoreIdentity store, string colour)
    {
        List<string> lines = [$"<strong>{Encode(store.Name.Trim())}</strong>"];
        if (!string.IsNullOrWhiteSpace(store.ContactEmail))
        {
            var address = store.ContactEmail.Trim();
            lines.Add($"<a href=\"mailto:{Encode(address)}\" style=\"color:{colour};text-decoration:underline\">{Encode(address)}</a>");
        }

        if (store.PhoneLink is { Length: > 0 } dial)
        {
            lines.Add($"<a href=\"tel:{Encode(dial)}\" style=\"color:{colour};text-decoration:underline\">{Encode(store.Phone!.Trim())}</a>");
        }

        return $"<address style=\"margin:0;font-style:normal\">{string.Join("<br>", lines)}</address>";
    }

    /// <summary>One paragraph of the template's text: a list when every line is "- item", else lines kept apart by breaks.</summary>
    private string Block(string paragraph, string colour)
    {
        var lines = paragraph.Split('\n');
        if (lines.All(l => l.StartsWith("- ", StringComparison.Ordinal)))
        {
            return "<ul style=\"margin:0 0 16px;padding-left:24px\">"
                + string.Concat(lines.Select(l => $"<li style=\"margin:0 0 4px\">{Line(l[2..], colour)}</li>"))
                + "</ul>";
        }

        return $"<p style=\"margin:0 0 16px\">{string.Join("<br>", lines.Select(l => Line(l, colour)))}</p>";
    }

    /// <summary>
    /// One line, encoded, its web addresses made links. A line that ends "label: our own link" (the status
    /// page, a satisfaction score) becomes a link named by its label, which says where it goes; any other
    /// address stays visible as the link's text, so nobody follows a link they cannot see.
    /// </summary>
    private string Line(string line, string colour)
    {
        var style = $"color:{colour};text-decoration:underline";
        var ours = links.Value.PublicBaseUrl.TrimEnd('/') + "/";
        if (LabelledLink().Match(line) is { Success: true } labelled && labelled.Groups["url"].Value.StartsWith(ours, StringComparison.Ordinal))
        {
            return $"<a href=\"{Encode(labelled.Groups["url"].Value)}\" style=\"{style};font-weight:bold\">{Encode(labelled.Groups["label"].Value.Trim())}</a>";
        }

        var html = new StringBuilder();
        var at = 0;
        foreach (Match url in WebAddress().Matches(line))
        {
            html.Append(Encode(line[at..url.Index]))
                .Append($"<a href=\"{Encode(url.Value)}\" style=\"{style}\">{Encode(url.Value)}</a>");
            at = url.Index + url.Length;
        }

        return html.Append(Encode(line[at..])).ToString();
    }

    [GeneratedRegex(@"\n[ \t]*\n+")]
    private static partial Regex Paragraphs();

    [GeneratedRegex(@"^\[AMD-[A-Z0-9]+\]\s*")]
    private static partial Regex IncidentTag();

    [GeneratedRegex(@"^(?<label>[^:]*\S)\s*:\s+(?<url>https?://\S+)$")]
    private static partial Regex LabelledLink();

    // An address ends before trailing punctuation that closes the sentence rather than the address.
    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)\]]")]
    private static partial Regex WebAddress();
}
