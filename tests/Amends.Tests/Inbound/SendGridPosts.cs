using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MimeKit;

namespace Amends.Tests.Inbound;

/// <summary>A multipart/form-data body as SendGrid Inbound Parse posts it, and its content type.</summary>
public sealed record InboundPost(byte[] Body, string ContentType)
{
    /// <summary>The same post as an HTTP body.</summary>
    public HttpContent ToContent()
    {
        var content = new ByteArrayContent(Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        return content;
    }
}

/// <summary>
/// Builds the posts SendGrid would make from a real MIME message: "parsed" mode (each field in the
/// email's own charset, named in <c>charsets</c>; attachments as <c>attachmentN</c> files described in
/// <c>attachment-info</c>) or raw mode (the whole message in <c>email</c>).
/// </summary>
public static class SendGridPosts
{
    static SendGridPosts() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The sample <paramref name="name"/> from Inbound/Samples.</summary>
    public static MimeMessage Sample(string name) => MimeMessage.Load(SamplePath(name));

    /// <summary>The path of the sample <paramref name="name"/>, copied next to the test binaries.</summary>
    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Inbound", "Samples", name);

    /// <summary>Every sample's file name.</summary>
    public static IReadOnlyList<string> SampleNames =>
        [.. Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Inbound", "Samples"), "*.eml").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    /// <summary>The post of <paramref name="message"/> in parsed mode.</summary>
    /// <param name="message">The email.</param>
    /// <param name="charsetOverride">A charset to claim for the text field instead of the real one (to test unknown charsets).</param>
    public static InboundPost Parsed(MimeMessage message, string? charsetOverride = null)
    {
        var form = new MultipartFormDataContent();
        Dictionary<string, string> charsets = new()
        {
            ["to"] = "UTF-8",
            ["from"] = "UTF-8",
            ["subject"] = "UTF-8",
            ["cc"] = "UTF-8",
        };
        Field(form, "headers", Encoding.UTF8.GetBytes(HeaderBlock(message)));
        Field(form, "from", Encoding.UTF8.GetBytes(message.From.ToString(true)));
        Field(form, "to", Encoding.UTF8.GetBytes(message.To.ToString(true)));
        if (message.Cc.Count > 0)
        {
            Field(form, "cc", Encoding.UTF8.GetBytes(message.Cc.ToString(true)));
        }

        Field(form, "subject", Encoding.UTF8.GetBytes(message.Subject ?? ""));
        List<(MimeEntity Part, string FileName, string Type, byte[] Content)> attachments = [];
        foreach (var part in message.BodyParts)
        {
            switch (part)
            {
                case TextPart { IsAttachment: false } text when text.IsPlain && !charsets.ContainsKey("text"):
                    var textCharset = text.ContentType.Charset ?? "utf-8";
                    Field(form, "text", Encoding.GetEncoding(textCharset).GetBytes(text.Text));
                    charsets["text"] = charsetOverride ?? textCharset;
                    break;
                case TextPart { IsAttachment: false } html when html.IsHtml && !charsets.ContainsKey("html"):
                    var htmlCharset = html.ContentType.Charset ?? "utf-8";
                    Field(form, "html", Encoding.GetEncoding(htmlCharset).GetBytes(html.Text));
                    charsets["html"] = htmlCharset;
                    break;
                case MessagePart attached:
                    using (var stream = new MemoryStream())
                    {
                        attached.Message!.WriteTo(stream);
                        attachments.Add((part, "message.eml", part.ContentType.MimeType, stream.ToArray()));
                    }

                    break;
                case MimePart mime:
                    using (var stream = new MemoryStream())
                    {
                        mime.Content!.DecodeTo(stream);
                        attachments.Add((part, mime.FileName ?? $"attachment-{attachments.Count + 1}", mime.ContentType.MimeType, stream.ToArray()));
                    }

                    break;
            }
        }

        Field(form, "envelope", Encoding.UTF8.GetBytes(Envelope(message)));
        Field(form, "charsets", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(charsets)));
        Field(form, "SPF", "pass"u8.ToArray());
        Field(form, "sender_ip", "192.0.2.10"u8.ToArray());
        Field(form, "spam_score", "0.1"u8.ToArray());
        Field(form, "attachments", Encoding.UTF8.GetBytes(attachments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (attachments.Count > 0)
        {
            var info = attachments.Select((a, i) => (Key: $"attachment{i + 1}", Value: a.Part.ContentId is { } cid
                    ? (object)new Dictionary<string, string> { ["filename"] = a.FileName, ["name"] = a.FileName, ["type"] = a.Type, ["content-id"] = cid }
                    : new { filename = a.FileName, name = a.FileName, type = a.Type }))
                .ToDictionary(a => a.Key, a => a.Value);
            Field(form, "attachment-info", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(info)));
            for (var i = 0; i < attachments.Count; i++)
            {
                var file = new ByteArrayContent(attachments[i].Content);
                file.Headers.ContentType = new MediaTypeHeaderValue(attachments[i].Type);
                form.Add(file, $"attachment{i + 1}", attachments[i].FileName);
            }
        }

        return Build(form);
    }

    /// <summary>The post of <paramref name="message"/> in raw mode ("POST the raw, full MIME message").</summary>
    public static InboundPost Raw(MimeMessage message)
    {
        return Raw(message, Mime(message));
    }

    /// <summary>A raw-mode post whose <c>email</c> field holds <paramref name="rawMime"/> as given (even broken).</summary>
    public static InboundPost Raw(MimeMessage? message, byte[] rawMime)
    {
        var form = new MultipartFormDataContent();
        if (message is not null)
        {
            Field(form, "from", Encoding.UTF8.GetBytes(message.From.ToString(true)));
            Field(form, "to", Encoding.UTF8.GetBytes(message.To.ToString(true)));
            Field(form, "subject", Encoding.UTF8.GetBytes(message.Subject ?? ""));
            Field(form, "envelope", Encoding.UTF8.GetBytes(Envelope(message)));
        }

        Field(form, "charsets", """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8"}"""u8.ToArray());
        Field(form, "SPF", "pass"u8.ToArray());
        Field(form, "email", rawMime);
        return Build(form);
    }

    /// <summary>A post whose body is not valid multipart at all (cut short, no closing boundary).</summary>
    public static InboundPost Malformed() =>
        new(Encoding.ASCII.GetBytes("--b0undary\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\nsomeone@example.com\r\n--b0und"),
            "multipart/form-data; boundary=b0undary");

    private static string HeaderBlock(MimeMessage message)
    {
        var text = Encoding.UTF8.GetString(Mime(message));
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 2)];
    }

    /// <summary>The message as it travels: CRLF line ends, as SMTP delivers it.</summary>
    public static byte[] Mime(MimeMessage message)
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        using var stream = new MemoryStream();
        message.WriteTo(options, stream);
        return stream.ToArray();
    }

    private static string Envelope(MimeMessage message)
    {
        var returnPath = message.Headers[HeaderId.ReturnPath]?.Trim();
        var from = returnPath == "<>" ? "" : message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        return JsonSerializer.Serialize(new { to = message.To.Mailboxes.Select(m => m.Address).ToArray(), from });
    }

    private static void Field(MultipartFormDataContent form, string name, byte[] value)
    {
        var content = new ByteArrayContent(value);
        form.Add(content, name);
    }

    private static InboundPost Build(MultipartFormDataContent form)
    {
        var body = form.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        return new InboundPost(body, form.Headers.ContentType!.ToString());
    }
}
