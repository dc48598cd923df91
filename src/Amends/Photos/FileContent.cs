using System.Text;

namespace Amends.Photos;

/// <summary>
/// What a file really is, from its first bytes (its "magic number"). The name and the declared type
/// come from the sender and prove nothing: a <c>photo.jpg</c> can be a program.
/// </summary>
public static class FileContent
{
    /// <summary>JPEG.</summary>
    public const string Jpeg = "image/jpeg";

    /// <summary>PNG.</summary>
    public const string Png = "image/png";

    /// <summary>WebP.</summary>
    public const string WebP = "image/webp";

    /// <summary>HEIC/HEIF, the default of iPhones.</summary>
    public const string Heic = "image/heic";

    /// <summary>AVIF.</summary>
    public const string Avif = "image/avif";

    /// <summary>GIF.</summary>
    public const string Gif = "image/gif";

    /// <summary>PDF (receipts, delivery notes).</summary>
    public const string Pdf = "application/pdf";

    /// <summary>The types that may be allowed: those recognised here and, for images, cleaned of metadata.</summary>
    public static readonly IReadOnlySet<string> Checkable = new HashSet<string>(StringComparer.Ordinal) { Jpeg, Png, WebP, Heic, Avif, Gif, Pdf };

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> ElfMagic => [0x7F, 0x45, 0x4C, 0x46];

    /// <summary>Whether <paramref name="mediaType"/> is a picture (and so has metadata to strip).</summary>
    public static bool IsImage(string mediaType) => mediaType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>The media type the content is, or null when it is nothing we recognise.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(JpegMagic))
        {
            return Jpeg;
        }

        if (content.StartsWith(PngMagic))
        {
            return Png;
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (content.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (IsoMediaBrand(content) is { } brand)
        {
            return brand;
        }

        // Not acceptable whatever the configuration, but named so the timeline says what it was.
        if (content.StartsWith("MZ"u8))
        {
            return "application/x-msdownload";
        }

        if (content.StartsWith(ElfMagic))
        {
            return "application/x-executable";
        }

        if (content.StartsWith("PK"u8) && content.Length >= 4 && content[2] is 3 or 5 or 7)
        {
            return "application/zip";
        }

        if (content.StartsWith("#!"u8))
        {
            return "text/x-shellscript";
        }

        return null;
    }

    // HEIC and AVIF are ISO media files: a box "ftyp" at offset 4 names the major brand and compatible brands.
    private static string? IsoMediaBrand(ReadOnlySpan<byte> content)
    {
        if (content.Length < 16 || !content[4..8].SequenceEqual("ftyp"u8))
        {
            return null;
        }

        var boxSize = (int)Math.Min((uint)(content[0] << 24 | content[1] << 16 | content[2] << 8 | content[3]), (uint)content.Length);
        List<string> brands = [Encoding.ASCII.GetString(content[8..12])];
        for (var offset = 16; offset + 4 <= boxSize; offset += 4)
        {
            brands.Add(Encoding.ASCII.GetString(content.Slice(offset, 4)));
        }

        if (brands[0] is "avif" or "avis")
        {
            return Avif;
        }

        if (brands[0] is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis")
        {
            return Heic;
        }

        if (brands[0] is "mif1" or "msf1")
        {
            return brands.Contains("avif") ? Avif : Heic;
        }

        return null;
    }
}
