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
    public static async Task<IReadOnlyList<FormPart>> ReadAsync(byte[] body, string boundary, CancellationToken cancellationToken)
    {
        List<FormPart> parts = [];
        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false)) { BodyLengthLimit = null };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (parts.Count == MaxParts)
                {
                    throw new InvalidDataException($"More than {MaxParts} parts.");
                }

                var disposition = section.GetContentDispositionHeader();
                var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value;
                if (disposition is null || string.IsNullOrEmpty(name))
                {
                    throw new InvalidDataException("A part has no form field name.");
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
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

        return parts;
    }
}
