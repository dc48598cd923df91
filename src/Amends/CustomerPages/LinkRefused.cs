using Amends.CustomerLinks;
using Amends.Email;
using Microsoft.AspNetCore.Http;

namespace Amends.CustomerPages;

/// <summary>
/// The page for a link we cannot honour. It says only that the link does not work (never why, nor
/// whether such an incident exists), in English and, since we cannot know the reader's language, in
/// every other language with a folder: 404 for a link we never made, 410 for one that expired or was revoked.
/// </summary>
public static class LinkRefused
{
    /// <summary>The page for <paramref name="state"/>.</summary>
    public static HtmlPage For(LinkState state) => HtmlPage.Of(
        state == LinkState.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone,
        "en",
        PageText.For("en").LinkRefusedTitle,
        string.Concat(CustomerLanguage.Supported.Select(language => language == "en"
            ? $"<p>{HtmlPage.Encode(PageText.For(language).LinkRefused)}</p>\n"
            : $"<p lang=\"{language}\"><strong>{HtmlPage.Encode(PageText.For(language).LinkRefusedTitle)}</strong><br>{HtmlPage.Encode(PageText.For(language).LinkRefused)}</p>\n")));
}
