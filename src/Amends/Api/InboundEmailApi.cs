using System.Text.Json.Serialization;
using Amends.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Api;

/// <summary>
/// SendGrid Inbound Parse over HTTP. The webhook authenticates itself (signature or secret), not with
/// the staff key. SendGrid retries only what we answer 5xx and drops what we answer 4xx, so: 401 and
/// 413 before anything is stored; 503 with Retry-After when storage is down (nothing is half-done that the
/// retry cannot finish) or when this instance already takes as many posts as it may (nothing was read);
/// 200 for everything else, even mail we cannot read (it is archived and kept for review).
/// </summary>
public static class InboundEmailApi
{
    /// <summary>POST /api/v1/inbound/sendgrid: one email from SendGrid Inbound Parse.</summary>
    public static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        InboundMailbox mailbox,
        InboundAuthentication authentication,
        IOptions<InboundOptions> options,
        InboundCapacity capacity,
        DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        // The secret is checked before the body is read, so strangers cannot make us buffer 30 MB.
        if (!authentication.UsesSignature && !authentication.IsSecret(request.Query[InboundAuthentication.SecretParameter]))
        {
            return Problems.NotAuthenticated("Pass the inbound secret as ?key= (Amends:InboundSecret), or sign the post.");
        }

        var limit = options.Value.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            return Problems.TooLarge(limit);
        }

        // A place is taken before the body is read: the bound is on memory, and the body is what fills it.
        using var place = await capacity.EnterAsync(cancellationToken);
        if (place is null)
        {
            return Problems.Busy($"Already taking {options.Value.MaxConcurrentPosts} posts at once; nothing was read. Retry shortly.");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            // This route enforces its own limit while reading; the server's general one may be lower.
            serverLimit.MaxRequestBodySize = null;
        }

        var post = await ReadAsync(request.Body, limit, request.ContentLength, cancellationToken);
        if (post is null)
        {
            return Problems.TooLarge(limit);
        }

        if (authentication.UsesSignature &&
            !authentication.IsSigned(request.Headers[InboundAuthentication.SignatureHeader], request.Headers[InboundAuthentication.TimestampHeader], post))
        {
            return Problems.NotAuthenticated($"The post's {InboundAuthentication.SignatureHeader} does not verify with Amends:InboundSignaturePublicKey.");
        }

        var outcome = await mailbox.ReceiveAsync(post, request.ContentType, workflows, cancellationToken);
        return TypedResults.Json(outcome, ApiJson.Options);
    }

    /// <summary>GET /api/v1/inbound/mail/{name}: an archived post, byte for byte, as a download (never rendered).</summary>
    public static async Task<IResult> ReadMailAsync(string name, MailArchive archive, CancellationToken cancellationToken) =>
        await archive.OpenAsync(name, cancellationToken) is { } mail
            ? TypedResults.Stream(mail.Content, "application/octet-stream", fileDownloadName: $"{name}.txt", lastModified: mail.ArchivedAt)
            : Problems.NotFound($"There is no archived mail {name}.");

    /// <summary>The whole body, or null when it is larger than <paramref name="limit"/>.</summary>
    internal static async Task<byte[]?> ReadAsync(Stream body, long limit, long? length, CancellationToken cancellationToken)
    {
        if (length is > 0 && length <= limit)
        {
            // The declared length: one array of exactly that size, no growing buffer and no copy of it.
            var exact = new byte[length.Value];
            var filled = 0;
            int count;
            while (filled < exact.Length && (count = await body.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += count;
            }

            // Fewer bytes than declared is a truncated body, which the multipart reader refuses; more cannot come (Kestrel enforces the length).
            return filled == exact.Length ? exact : exact[..filled];
        }

        using var buffer = new MemoryStream(length is > 0 ? (int)length.Value : 64 * 1024);
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>
/// The form SendGrid Inbound Parse posts, for the API description only: the handler reads the raw
/// bytes itself, because each field is in the email's own charset. Files come as <c>attachment1</c>…
/// </summary>
/// <param name="From">Sender, from the headers.</param>
/// <param name="To">Recipients, from the headers.</param>
/// <param name="Cc">Copy recipients.</param>
/// <param name="Subject">Subject.</param>
/// <param name="Text">Plain-text body.</param>
/// <param name="Html">HTML body.</param>
/// <param name="Headers">The raw header block.</param>
/// <param name="Envelope">JSON: the SMTP envelope's <c>to</c> and <c>from</c>.</param>
/// <param name="Charsets">JSON: the charset of each field.</param>
/// <param name="AttachmentInfo">JSON: file name and type of each <c>attachmentN</c>.</param>
/// <param name="Attachments">How many attachments.</param>
/// <param name="Email">Raw mode: the whole MIME message (then most fields above are absent).</param>
public sealed record InboundParseForm(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("cc")] string? Cc,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("headers")] string? Headers,
    [property: JsonPropertyName("envelope")] string? Envelope,
    [property: JsonPropertyName("charsets")] string? Charsets,
    [property: JsonPropertyName("attachment-info")] string? AttachmentInfo,
    [property: JsonPropertyName("attachments")] string? Attachments,
    [property: JsonPropertyName("email")] string? Email);
