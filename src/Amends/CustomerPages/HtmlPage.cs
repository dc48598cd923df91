using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Amends.Storefront;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amends.CustomerPages;

/// <summary>
/// A server-rendered page for customers: complete HTML in their language, small inline CSS, no script,
/// readable on a phone. Pages reached by a link carrying a token are never cached, indexed or framed,
/// and send no referrer, so the token stays between us and the customer. Every page carries the store's
/// identity (<see cref="StoreIdentity"/>): its name or logo above, its contact below, its colour.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Language">The page's language (its <c>lang</c>).</param>
/// <param name="Title">The title (plain text).</param>
/// <param name="Body">What goes under the title (HTML).</param>
/// <param name="Style">CSS only this page needs, after the shared rules.</param>
public sealed record HtmlPage(int StatusCode, string Language, string Title, string Body, string Style = "") : IResult
{
    private const string Shared =
        "body{font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0}" +
        "main{max-width:40rem;margin:0 auto;padding:1rem}" +
        "h1{font-size:1.5rem;line-height:1.25}h2{font-size:1.2rem;margin-top:2rem}" +
        "a{color:#0b4fa8}a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #0b4fa8;outline-offset:2px}" +
        "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}" +
        "ol{padding-left:1.25rem}li{margin:.75rem 0}time{color:#444;font-size:.9rem;display:block}" +
        ".text{white-space:pre-wrap;overflow-wrap:anywhere}" +
        "label{display:block;font-weight:600;margin-top:1rem}textarea,input[type=file]{width:100%;box-sizing:border-box;font:inherit}" +
        "textarea{min-height:8rem;padding:.5rem;border:1px solid #595959;border-radius:4px}" +
        "button{font:inherit;margin-top:1rem;padding:.6rem 1.5rem;background:#0b4fa8;color:#fff;border:0;border-radius:4px;cursor:pointer}" +
        ".notice{padding:.75rem 1rem;border-left:4px solid #1e7a34;background:#eef7f0}" +
        ".error{padding:.75rem 1rem;border-left:4px solid #b3261e;background:#fdeeee}" +
        ".check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}.check input{margin-top:.35rem}" +
        "fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-weight:600}" +
        ".scores{display:flex;flex-wrap:wrap;gap:.5rem}.scores label{margin:0;font-weight:400}" +
        "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}" +
        "blockquote{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid #ccc}" +
        "@media (prefers-color-scheme:dark){body{color:#f0f0f0;background:#121212}a{color:#8ab4f8}time{color:#c8c8c8}" +
        "textarea{background:#1e1e1e;color:#f0f0f0;border-color:#9e9e9e}button{background:#8ab4f8;color:#121212}" +
        ".notice{background:#12301b}.error{background:#3b1513}}";

    /// <summary>A page in <paramref name="language"/> titled <paramref name="title"/> (plain text) around <paramref name="body"/> (HTML).</summary>
    public static HtmlPage Of(int statusCode, string language, string title, string body) => new(statusCode, language, title, body);

    /// <summary>The whole document, in the colours and with the name and contact of <paramref name="store"/>.</summary>
    public string Html(StoreIdentity store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var colour = store.Colour.ToLowerInvariant();
        var name = Encode(store.Name.Trim());
        // The logo carries the store's name as its text; without one, the name is written out.
        var brand = store.Logo is { } logo ? $"<img src=\"{Encode(logo.AbsoluteUri)}\" alt=\"{name}\" height=\"48\">" : $"<span>{name}</span>";
        List<string> contact = [$"<strong>{name}</strong>"];
        if (!string.IsNullOrWhiteSpace(store.ContactEmail))
        {
            contact.Add($"<a href=\"mailto:{Encode(store.ContactEmail.Trim())}\">{Encode(store.ContactEmail.Trim())}</a>");
        }

        if (store.PhoneLink is { Length: > 0 } dial)
        {
            contact.Add($"<a href=\"tel:{Encode(dial)}\">{Encode(store.Phone!.Trim())}</a>");
        }

        return $"<!doctype html>\n<html lang=\"{Encode(Language)}\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">" +
            "<meta name=\"robots\" content=\"noindex\"><meta name=\"referrer\" content=\"no-referrer\">" +
            $"<title>{Encode(Title)} – {name}</title><style>{Shared}{Style}{Brand(colour)}</style></head>\n<body>" +
            $"<header class=\"store\"><div>{brand}</div></header>\n<main>\n<h1>{Encode(Title)}</h1>\n{Body}\n</main>\n" +
            $"<footer class=\"store\"><address>{string.Join("<br>", contact)}</address></footer></body></html>\n";
    }

    /// <summary>The store's colour on the header, links, focus rings and buttons (white on it: its contrast is checked at start-up).</summary>
    private static string Brand(string colour) =>
        $"header.store{{background:{colour};color:#fff}}header.store div{{max-width:40rem;margin:0 auto;padding:.75rem 1rem;font-size:1.25rem;font-weight:700}}" +
        "header.store img{display:block;height:48px;width:auto;max-width:100%}" +
        "footer.store{max-width:40rem;margin:2rem auto 0;padding:1rem;border-top:4px solid " + colour + "}footer.store address{font-style:normal}" +
        $"@media (prefers-color-scheme:light){{a{{color:{colour}}}a:focus,button:focus,input:focus,textarea:focus{{outline-color:{colour}}}button{{background:{colour}}}}}";

    // Letters of every language stay readable in the source; only what HTML gives a meaning is escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary><paramref name="text"/> safe inside HTML text and attribute values.</summary>
    public static string Encode(string? text) => Encoder.Encode(text ?? "");

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // As ASP.NET Core's own results read their options: from the request's services, so no page has to pass the store along.
        var store = httpContext.RequestServices.GetRequiredService<IOptions<StoreIdentity>>().Value;
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Robots-Tag"] = "noindex";
        // The logo, when there is one, is the only thing the page loads, from its own origin.
        var images = store.Logo is { } logo ? $" img-src {logo.GetLeftPart(UriPartial.Authority)};" : "";
        response.Headers.ContentSecurityPolicy = $"default-src 'none';{images} style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        var bytes = Encoding.UTF8.GetBytes(Html(store));
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}

/// <summary>303 See Other: after a form is taken, the browser loads the page again with a GET, so reloading never posts twice.</summary>
/// <param name="Location">Where to go, a path on this host.</param>
public sealed record SeeOther(string Location) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = Location;
        httpContext.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
