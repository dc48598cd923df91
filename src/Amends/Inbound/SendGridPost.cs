using System.Text;
using System.Text.Json;
using Amends.Photos;
using MimeKit;
using MimeKit.Utils;

namespace Amends.Inbound;

/// <summary>
/// Reads a SendGrid Inbound Parse post in either of its modes: parsed fields (<c>from</c>, <c>to</c>,
/// <c>cc</c>, <c>subject</c>, <c>text</c>, <c>html</c>, <c>headers</c>, <c>envelope</c>, <c>charsets</c>,
/// <c>attachment-info</c>, <c>attachment1</c>…) or raw (<c>email</c>: the whole MIME message, read by MimeKit).
/// </summary>
public static class SendGridPost
{
    private static readonly string[] SignatureTypes = ["application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature"];

    static SendGridPost() =>
        // Customers' mail comes in ISO-8859-2, windows-1250 and friends, which .NET only knows with this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads the post with the default limits.</summary>
    /// <exception cref="UnreadableMailException">It is not a form, or not an email we can read.</exception>
    public static Task<InboundEmail> ReadAsync(byte[] post, string? contentType, CancellationToken cancellationToken = default) =>
        ReadAsync(post, contentType, new InboundOptions(), cancellationToken);

    /// <summary>Reads the post, reading no more attachments and MIME parts than <paramref name="limits"/> allow.</summary>
    /// <exception cref="UnreadableMailException">It is not a form, or not an email we can read.</exception>
    public static async Task<InboundEmail> ReadAsync(byte[] post, string? contentType, InboundOptions limits, CancellationToken cancellationToken = default)
    {
        var boundary = MultipartForm.Boundary(contentType) ?? throw new UnreadableMailException("The post is not multipart/form-data.");
        IReadOnlyList<FormPart> parts;
        UnreadFiles? unread;
        try
        {
            (parts, unread) = await MultipartForm.ReadAsync(post, boundary, limits.MaxAttachments, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new UnreadableMailException($"The multipart body is malformed: {e.Message}", e);
        }

        List<string> problems = [];
        var fields = parts.Where(p => p.FileName is null).GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Content, StringComparer.Ordinal);
        var charsets = Charsets(fields, problems);
        string? Field(string name) =>
            fields.TryGetValue(name, out var bytes) ? Decode(bytes, charsets.GetValueOrDefault(name), name, problems) : null;

        var (envelopeFrom, envelopeTo) = Envelope(Field("envelope"), problems);
        // Raw mode: the whole message is in "email", as bytes MimeKit decodes itself (its charsets are inside).
        if (parts.FirstOrDefault(p => p.Name == "email")?.Content is { } raw)
        {
            return FromMime(raw, limits, envelopeFrom, envelopeTo, problems, cancellationToken);
        }

        return FromFields(parts, Field, envelopeFrom, envelopeTo, problems) with { Unread = unread };
    }

    private static InboundEmail FromMime(
        byte[] raw, InboundOptions limits, string? envelopeFrom, IReadOnlyList<string> envelopeTo, List<string> problems, CancellationToken cancellationToken)
    {
        var options = ParserOptions.Default.Clone();
        options.MaxMimeDepth = limits.MaxMimeDepth;
        MimeMessage message;
        UnreadFiles.Builder unread;
        try
        {
            // Counted before anything is built: only the first MaxMimeParts entities are parsed at all.
            (var cut, unread) = MimeScan.Run(raw, options, limits.MaxMimeParts, cancellationToken);
            message = MimeMessage.Load(options, new MemoryStream(raw, 0, (int)(cut ?? raw.Length), writable: false), persistent: true, cancellationToken);
        }
        catch (FormatException e)
        {
            throw new UnreadableMailException($"The raw MIME message cannot be parsed: {e.Message}", e);
        }

        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var body = (message.TextBody ?? HtmlText.ToText(message.HtmlBody)).Trim();
        List<IncomingFile> attachments = [];
        foreach (var part in message.BodyParts)
        {
            if (attachments.Count == limits.MaxAttachments && !(part is TextPart { IsAttachment: false } bodyText && (bodyText.IsPlain || bodyText.IsHtml)))
            {
                unread.Add(part.ContentDisposition?.FileName ?? part.ContentType.Name ?? part.ContentType.MimeType);
                continue;
            }

            switch (part)
            {
                case MessagePart { Message: { } attached }:
                    using (var content = new MemoryStream())
                    {
                        attached.WriteTo(content, cancellationToken);
                        attachments.Add(new IncomingFile(part.ContentDisposition?.FileName ?? "message.eml", part.ContentType.MimeType, content.ToArray()));
                    }

                    break;
                case TextPart text when !text.IsAttachment && (text.IsPlain || text.IsHtml):
                    // The body, already read as Text.
                    break;
                case MimePart mime when !SignatureTypes.Contains(mime.ContentType.MimeType, StringComparer.OrdinalIgnoreCase):
                    using (var content = new MemoryStream())
                    {
                        mime.Content?.DecodeTo(content, cancellationToken);
                        attachments.Add(new IncomingFile(mime.FileName ?? $"attachment-{attachments.Count + 1}", mime.ContentType.MimeType, content.ToArray(),
                            SignatureImages.ShownInBody(mime.ContentId, mime.ContentDisposition, message.HtmlBody)));
                    }

                    break;
            }
        }

        return new InboundEmail(
            MessageId: NonEmpty(message.MessageId),
            FromAddress: from?.Address,
            FromName: NonEmpty(from?.Name),
            Recipients: [.. message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address).Concat(envelopeTo).Distinct(StringComparer.OrdinalIgnoreCase)],
            Subject: message.Subject ?? "",
            Text: body,
            ReferencedMessageIds: [.. (message.InReplyTo is { } inReplyTo ? [inReplyTo] : Array.Empty<string>()).Concat(message.References)],
            Headers: message.Headers,
            EnvelopeFrom: envelopeFrom,
            Attachments: attachments,
            Problems: problems,
            ContentHash: MailFingerprint.Content(message.Headers, from?.Address, message.Subject ?? "", body),
            IsDeliveryReport: message.Body is MultipartReport,
            Unread: unread.Build(limits.MaxAttachments));
    }

    private static InboundEmail FromFields(
        IReadOnlyList<FormPart> parts, Func<string, string?> field, string? envelopeFrom, IReadOnlyList<string> envelopeTo, List<string> problems)
    {
        var headers = Headers(field("headers"), problems);
        var from = Mailboxes(field("from")).FirstOrDefault();
        var text = field("text");
        var html = field("html");
        var subject = field("subject") ?? headers[HeaderId.Subject] ?? "";
        var info = AttachmentInfo(field("attachment-info"), problems);
        List<IncomingFile> attachments = [];
        foreach (var file in parts.Where(p => MultipartForm.IsFile(p.Name, p.FileName)))
        {
            var described = info.GetValueOrDefault(file.Name);
            var type = described?.Type ?? file.ContentType;
            if (type is not null && SignatureTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            attachments.Add(new IncomingFile(described?.FileName ?? file.FileName ?? file.Name, type, file.Content,
                SignatureImages.ShownInBody(described?.ContentId, new ContentDisposition(ContentDisposition.Inline), html)));
        }

        var inReplyTo = Ids(headers[HeaderId.InReplyTo]);
        var body = (string.IsNullOrWhiteSpace(text) ? HtmlText.ToText(html) : text).Trim();
        return new InboundEmail(
            MessageId: Ids(headers[HeaderId.MessageId]).FirstOrDefault(),
            FromAddress: from?.Address,
            FromName: NonEmpty(from?.Name),
            Recipients: [.. Mailboxes(field("to")).Concat(Mailboxes(field("cc"))).Select(m => m.Address).Concat(envelopeTo).Distinct(StringComparer.OrdinalIgnoreCase)],
            Subject: subject.Trim(),
            Text: body,
            ReferencedMessageIds: [.. inReplyTo.Concat(Ids(headers[HeaderId.References]))],
            Headers: headers,
            EnvelopeFrom: envelopeFrom,
            Attachments: attachments,
            Problems: problems,
            ContentHash: MailFingerprint.Content(headers, from?.Address, subject, body),
            IsDeliveryReport: headers[HeaderId.ContentType]?.Contains("multipart/report", StringComparison.OrdinalIgnoreCase) == true);
    }

    private static Dictionary<string, string> Charsets(Dictionary<string, byte[]> fields, List<string> problems)
    {
        if (!fields.TryGetValue("charsets", out var json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            problems.Add("The charsets field is not valid JSON; every field was read as UTF-8.");
            return [];
        }
    }

    private static string Decode(byte[] bytes, string? charset, string field, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        Encoding encoding;
        try
        {
            // Strict: bytes the charset cannot hold mean the charset is wrong, not that the text is.
            encoding = Encoding.GetEncoding(charset.Trim(), EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            problems.Add($"Unknown charset '{Clip(charset)}' for the {field} field; it was read as UTF-8 and may be garbled.");
            return Encoding.UTF8.GetString(bytes);
        }
        catch (NotSupportedException)
        {
            // Names .NET refuses on purpose: UTF-7, whose decoding can smuggle markup past filters.
            problems.Add($"Unsupported charset '{Clip(charset)}' for the {field} field; it was read as UTF-8 and may be garbled.");
            return Encoding.UTF8.GetString(bytes);
        }

        if (!IsAsciiCompatible(encoding))
        {
            // Mail fields are ASCII-compatible; UTF-16, UTF-32 or EBCDIC here would turn plain text into nonsense.
            problems.Add($"The charset '{encoding.WebName}' named for the {field} field cannot be a mail field's; it was read as UTF-8 and may be garbled.");
            return Encoding.UTF8.GetString(bytes);
        }

        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            problems.Add($"The {field} field is not valid in its charset {encoding.WebName}; it was read as UTF-8 and may be garbled.");
            return Encoding.UTF8.GetString(bytes);
        }
    }

    private static bool IsAsciiCompatible(Encoding encoding)
    {
        const string Sample = "Az09 <@.>\r\n";
        try
        {
            return encoding.GetBytes(Sample).AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(Sample));
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    // A charset name is the sender's text: bounded, and without control characters, before it reaches a timeline.
    private static string Clip(string value)
    {
        var clean = string.Concat(value.Where(c => !char.IsControl(c)).Take(40));
        return value.Length > 40 ? clean + "…" : clean;
    }

    private static (string? From, IReadOnlyList<string> To) Envelope(string? json, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, []);
        }

        try
        {
            using var envelope = JsonDocument.Parse(json);
            var from = envelope.RootElement.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            List<string> to = [];
            if (envelope.RootElement.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.Array)
            {
                to.AddRange(t.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!));
            }

            return (from, to);
        }
        catch (JsonException)
        {
            problems.Add("The envelope field is not valid JSON.");
            return (null, []);
        }
    }

    private static Dictionary<string, (string? FileName, string? Type, string? ContentId)?> AttachmentInfo(string? json, List<string> problems)
    {
        Dictionary<string, (string? FileName, string? Type, string? ContentId)?> info = new(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return info;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var attachment in document.RootElement.EnumerateObject().Where(a => a.Value.ValueKind == JsonValueKind.Object))
            {
                info[attachment.Name] = (String(attachment.Value, "filename") ?? String(attachment.Value, "name"), String(attachment.Value, "type"), String(attachment.Value, "content-id"));
            }
        }
        catch (JsonException)
        {
            problems.Add("The attachment-info field is not valid JSON; attachment names were taken from the parts.");
        }

        return info;

        static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? NonEmpty(value.GetString()) : null;
    }

    private static HeaderList Headers(string? block, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(block))
        {
            return [];
        }

        try
        {
            // The field is the header block alone; MimeKit wants it ended by a blank line.
            var bytes = Encoding.UTF8.GetBytes(block.TrimEnd() + "\r\n\r\n");
            return HeaderList.Load(new MemoryStream(bytes, writable: false));
        }
        catch (FormatException)
        {
            problems.Add("The headers field cannot be parsed; Message-ID and reply headers are unknown.");
            return [];
        }
    }

    private static IEnumerable<MailboxAddress> Mailboxes(string? list) =>
        !string.IsNullOrWhiteSpace(list) && InternetAddressList.TryParse(list, out var addresses) ? addresses.Mailboxes : [];

    private static IEnumerable<string> Ids(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : MimeUtils.EnumerateReferences(value);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
