using Amends.CustomerLinks;
using Microsoft.AspNetCore.Http;

namespace Amends.CustomerPages;

/// <summary>
/// The page for a link we cannot honour. It says only that the link does not work (never why, nor
/// whether such an incident exists), in English and, since we cannot know the reader's language, in
/// the other languages we write in: 404 for a link we never made, 410 for one that expired or was revoked.
/// </summary>
public static class LinkRefused
{
    /// <summary>The page for <paramref name="state"/>.</summary>
    public static HtmlPage For(LinkState state) => HtmlPage.Of(
        state == LinkState.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone,
        "en",
        "This link does not work",
        "<p>This link is not valid, or no longer valid. Please use the link in the most recent email we sent you, " +
        "or reply to that email and we will help.</p>\n" +
        "<p lang=\"it\">Questo link non è valido. Usi il link della nostra email più recente o risponda a quell'email.</p>\n" +
        "<p lang=\"pl\">Ten link jest nieważny. Użyj linku z naszej najnowszej wiadomości lub odpowiedz na nią.</p>\n" +
        "<p lang=\"nb\">Denne lenken er ikke gyldig. Bruk lenken i den nyeste e-posten fra oss, eller svar på den.</p>");
}
