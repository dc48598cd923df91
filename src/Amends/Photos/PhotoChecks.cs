using System.Security.Cryptography;
using ImageMagick;
using Microsoft.Extensions.Options;

namespace Amends.Photos;

/// <summary>A file as it arrived, by email or upload, before any check.</summary>
/// <param name="FileName">The name the sender gave it (untrusted).</param>
/// <param name="DeclaredType">The type the sender declared (untrusted, kept for the record).</param>
/// <param name="Content">The bytes.</param>
/// <param name="ShownInBody">
/// True when the email shows it inside its text rather than as an attachment: its HTML refers to
/// its Content-ID (<c>cid:</c>), or it is marked inline with a Content-ID.
/// </param>
public sealed record IncomingFile(string FileName, string? DeclaredType, byte[] Content, bool ShownInBody = false);

/// <summary>A file that passed the checks, cleaned and ready to store.</summary>
/// <param name="Name">Its name in storage and in the API: derived from its content, so the same file is stored once.</param>
/// <param name="FileName">The name the sender gave it, made safe to show.</param>
/// <param name="ContentType">What it is, by content (HEIC is stored as JPEG, which every browser shows).</param>
/// <param name="Content">The bytes to store: pictures without their metadata.</param>
public sealed record AcceptedFile(string Name, string FileName, string ContentType, byte[] Content);

/// <summary>The outcome of checking one message's or one upload's files.</summary>
/// <param name="Accepted">Files to store, in the order they came.</param>
/// <param name="Rejected">Files refused, with the reason.</param>
public sealed record CheckedFiles(IReadOnlyList<AcceptedFile> Accepted, IReadOnlyList<AttachmentRejection> Rejected);

/// <summary>
/// The checks every photo or document passes before it is stored: count and size limits, type by
/// content (magic bytes) against the allowed types, and for pictures a full decode and re-encode
/// that drops EXIF (GPS position, camera, time), XMP and IPTC metadata.
/// </summary>
/// <remarks>
/// Pictures are decoded with Magick.NET (ImageMagick, Apache-2.0) because it is the one served
/// library that reads HEIC, the iPhone default, as well as JPEG, PNG and WebP; we always name the
/// format we sniffed, so ImageMagick never guesses a coder from the content (its exotic coders are
/// its attack surface), and we check the canvas size before decoding.
/// </remarks>
public sealed class PhotoChecks(IOptions<PhotoOptions> options)
{
    private const int MaxFileNameLength = 120;

    /// <summary>Checks <paramref name="files"/> in order; the first files win when limits are reached.</summary>
    public CheckedFiles Check(IReadOnlyList<IncomingFile> files)
    {
        var limits = options.Value;
        var allowed = limits.Allowed;
        List<AcceptedFile> accepted = [];
        List<AttachmentRejection> rejected = [];
        long total = 0;
        foreach (var file in files)
        {
            var name = SafeFileName(file.FileName);
            if (file.Content.Length == 0)
            {
                rejected.Add(new(name, RejectionReason.Empty, "The file is empty."));
                continue;
            }

            if (accepted.Count >= limits.MaxFiles)
            {
                rejected.Add(new(name, RejectionReason.TooMany, $"Only {limits.MaxFiles} files are taken from one message."));
                continue;
            }

            if (file.Content.Length > limits.MaxFileBytes)
            {
                rejected.Add(new(name, RejectionReason.TooLarge, $"{file.Content.Length} bytes; the limit is {limits.MaxFileBytes}."));
                continue;
            }

            if (total + file.Content.Length > limits.MaxMessageBytes)
            {
                rejected.Add(new(name, RejectionReason.MessageTooLarge, $"The files of one message may weigh {limits.MaxMessageBytes} bytes together."));
                continue;
            }

            var type = FileContent.Sniff(file.Content);
            if (type is null || !allowed.Contains(type))
            {
                rejected.Add(new(name, RejectionReason.TypeNotAllowed,
                    $"Its content is {type ?? "of an unknown type"} (declared {file.DeclaredType ?? "nothing"}); allowed: {limits.AllowedTypes}."));
                continue;
            }

            var content = file.Content;
            if (FileContent.IsImage(type))
            {
                if (Clean(content, type, limits.MaxPixels) is not { } clean)
                {
                    rejected.Add(new(name, RejectionReason.Unreadable, $"It starts like {type} but cannot be read as a picture."));
                    continue;
                }

                (content, type) = clean;
            }

            total += file.Content.Length;
            accepted.Add(new AcceptedFile(StorageName(file.Content, type), name, type, content));
        }

        return new CheckedFiles(accepted, rejected);
    }

    /// <summary>The picture re-encoded without metadata, or null when it cannot be read.</summary>
    private static (byte[] Content, string Type)? Clean(byte[] content, string type, long maxPixels)
    {
        var settings = new MagickReadSettings { Format = Format(type) };
        try
        {
            var info = new MagickImageInfo(content, settings);
            if ((long)info.Width * info.Height > maxPixels)
            {
                return null;
            }

            using var image = new MagickImage(content, settings);

            // The orientation lives in EXIF, which goes: turn the pixels so the photo stays upright.
            image.AutoOrient();
            var colours = image.GetColorProfile();
            image.Strip();
            if (colours is not null)
            {
                // A colour profile says nothing about the customer, and without it phone photos look washed out.
                image.SetProfile(colours);
            }

            if (type == FileContent.Heic)
            {
                // ImageMagick cannot write HEIC, and most browsers cannot show it: staff get a JPEG.
                image.Format = MagickFormat.Jpeg;
                image.Quality = 90;
                type = FileContent.Jpeg;
            }

            return (image.ToByteArray(), type);
        }
        catch (MagickException)
        {
            return null;
        }
    }

    private static MagickFormat Format(string type) => type switch
    {
        FileContent.Jpeg => MagickFormat.Jpeg,
        FileContent.Png => MagickFormat.Png,
        FileContent.WebP => MagickFormat.WebP,
        FileContent.Heic => MagickFormat.Heic,
        FileContent.Avif => MagickFormat.Avif,
        FileContent.Gif => MagickFormat.Gif,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a picture type."),
    };

    /// <summary>
    /// The stored name: a hash of the original content and the stored type's extension, so a retried
    /// delivery or a second upload of the same file finds the same blob, and the name can never
    /// carry a path.
    /// </summary>
    private static string StorageName(byte[] original, string type) =>
        Convert.ToHexStringLower(SHA256.HashData(original))[..24] + type switch
        {
            FileContent.Jpeg => ".jpg",
            FileContent.Png => ".png",
            FileContent.WebP => ".webp",
            FileContent.Avif => ".avif",
            FileContent.Gif => ".gif",
            FileContent.Pdf => ".pdf",
            _ => ".bin",
        };

    /// <summary>The sender's file name made safe to show and to parse back: no path, no control characters, bounded.</summary>
    public static string SafeFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = string.Concat(name.Where(c => !char.IsControl(c))).Replace(" — ", " - ", StringComparison.Ordinal).Trim();
        if (name.Length == 0)
        {
            return "attachment";
        }

        return name.Length <= MaxFileNameLength ? name : name[..MaxFileNameLength];
    }
}
