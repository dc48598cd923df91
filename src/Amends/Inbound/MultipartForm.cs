using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Amends.Inbound;

/// <summary>One part of a <c>multipart/form-data</c> body, its bytes untouched (no charset applied yet).</summary>
/// <param name="Name">The form field's name.</param>
/// <param name="FileName">The file name, for file parts.</param>
/// <param name="ContentType">The part's declared content type.</param>
/// <param name="Content">The part's bytes.</param>
internal sealed record FormPart(string Name, string? FileName, string? ContentType, byte[] Content);

/// <summary>
/// Reads a buffered <c>multipart/form-data</c> body into its parts as bytes. ASP.NET Core's form
/// reader would decode every field as UTF-8; SendGrid sends each field in the email's own charset
/// and tells which in <c>charsets</c>, so the bytes must be kept until we know.
/// </summary>
internal static class MultipartForm
{
    private const int MaxParts = 500;

    /// <summary>The boundary of a <c>multipart/form-data</c> content type, or null when it is not one.</summary>
    public static string? Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) ||
            !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) ? null : boundary;
    }

    /// <summary>The parts of <paramref name="body"/>; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    public static async Task<IReadOnlyList<FormPart>> ReadAsync(byte[] body, string boundary, CancellationToken cancellationToken) =>
        (await ReadAsync(body, boundary, int.MaxValue, cancellationToken)).Parts;

    /// <summary>
    /// The parts of <paramref name="body"/>, keeping at most <paramref name="maxFiles"/> files: later files are
    /// skipped unread (only their names are kept), so a post with thousands of files costs no more than one
    /// with a few. Throws <see cref="InvalidDataException"/> when it is malformed.
    /// </summary>
    public static async Task<FormContent> ReadAsync(byte[] body, string boundary, int maxFiles, CancellationToken cancellationToken)
    {
        List<FormPart> parts = [];
        var files = 0;
        var unread = new UnreadFiles.Builder();
        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false)) { BodyLengthLimit = null };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value;
                if (disposition is null || string.IsNullOrEmpty(name))
                {
                    throw new InvalidDataException("A part has no form field name.");
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                if (IsFile(name, fileName) && ++files > maxFiles)
                {
                    // The reader skips the unread body when it moves to the next section.
                    unread.Add(string.IsNullOrEmpty(fileName) ? name : fileName);
                    continue;
                }

                if (parts.Count == MaxParts)
                {
                    throw new InvalidDataException($"More than {MaxParts} parts.");
                }

                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken);
                parts.Add(new FormPart(name, string.IsNullOrEmpty(fileName) ? null : fileName, section.ContentType, content.ToArray()));
            }
        }
        catch (IOException e)
        {
            // MultipartReader reports a truncated body or a missing boundary as an IOException.
            throw new InvalidDataException(e.Message, e);
        }

        if (parts.Count == 0)
        {
            throw new InvalidDataException("The body has no parts.");
        }

        return new FormContent(parts, unread.Build(maxFiles));
    }

    /// <summary>Whether a part is a file: it has a file name, or SendGrid's <c>attachmentN</c> name.</summary>
    public static bool IsFile(string name, string? fileName) =>
        !string.IsNullOrEmpty(fileName) ||
        (name.StartsWith("attachment", StringComparison.Ordinal) && name is not ("attachment-info" or "attachments"));
}

/// <summary>A form as read: the parts kept, and the files skipped unread.</summary>
/// <param name="Parts">The fields, and the files up to the limit.</param>
/// <param name="Unread">The files beyond the limit, or null when there were none.</param>
internal sealed record FormContent(IReadOnlyList<FormPart> Parts, UnreadFiles? Unread);
