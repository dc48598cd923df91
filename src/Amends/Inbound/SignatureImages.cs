using Amends.Photos;
using ImageMagick;
using MimeKit;

namespace Amends.Inbound;

/// <summary>
/// Pictures that belong to a sender's signature (a company logo, social-network icons, a banner) are
/// not evidence: they are not kept as the customer's photos. A photo the customer pasted into the
/// text of their mail is kept.
/// </summary>
/// <remarks>
/// The rule, from what mail programs send: a signature picture is always shown in the body (the HTML
/// refers to it by <c>cid:</c>, or it is an inline part with a Content-ID) and it is small in pixels:
/// icons of 16–64 px, logos up to about 300 px wide, banners a few times wider than tall. A photo of
/// a product is at least 320 px on its long side (phones send 3000–4000 px; the smallest size Apple
/// Mail offers is 320 × 240), even when Outlook, Gmail or Apple Mail embeds it in the body. Bytes do not decide: a
/// screenshot of a tracking page compresses to a few KB. The file name does not decide: Outlook calls both its signature
/// logo and a pasted photo <c>image001.png</c>/<c>image001.jpg</c>, Gmail calls pasted pictures
/// <c>image.png</c>. A picture attached as a file is always kept, however small.
/// </remarks>
public static class SignatureImages
{
    /// <summary>A picture shown in the body whose longer side is below this is a logo or an icon.</summary>
    public const int MinPhotoSide = 300;

    /// <summary>A banner: its shorter side at most this, and its longer side at least <see cref="BannerRatio"/> times that.</summary>
    public const int MaxBannerHeight = 150;

    /// <summary>How much longer than high a banner is, at least.</summary>
    public const double BannerRatio = 2.5;

    /// <summary>The files of an email that may be evidence: all but its signature pictures.</summary>
    public static IReadOnlyList<IncomingFile> Without(IReadOnlyList<IncomingFile> files) => [.. files.Where(f => !IsSignature(f))];

    /// <summary>Whether <paramref name="file"/> is a picture of the sender's signature.</summary>
    public static bool IsSignature(IncomingFile file)
    {
        if (!file.ShownInBody || FileContent.Sniff(file.Content) is not { } type || !FileContent.IsImage(type))
        {
            return false;
        }

        try
        {
            // Reads the picture's header only: its size, not its pixels.
            var info = new MagickImageInfo(file.Content);
            var (longer, shorter) = (Math.Max(info.Width, info.Height), Math.Min(info.Width, info.Height));
            return longer < MinPhotoSide || (shorter <= MaxBannerHeight && longer >= BannerRatio * shorter);
        }
        catch (MagickException)
        {
            // Not readable as a picture: the photo checks reject it and say why.
            return false;
        }
    }

    /// <summary>Whether a MIME part with <paramref name="contentId"/> is shown in the body of a mail with <paramref name="html"/>.</summary>
    public static bool ShownInBody(string? contentId, ContentDisposition? disposition, string? html)
    {
        if (string.IsNullOrWhiteSpace(contentId))
        {
            return false;
        }

        var id = contentId.Trim().Trim('<', '>');
        return html?.Contains("cid:" + id, StringComparison.OrdinalIgnoreCase) == true
            || string.Equals(disposition?.Disposition, ContentDisposition.Inline, StringComparison.OrdinalIgnoreCase);
    }
}
