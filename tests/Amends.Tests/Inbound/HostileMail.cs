using System.Globalization;
using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Amends.Tests.Inbound;

/// <summary>Hostile messages, built with MimeKit where a sender's program would write them, by hand where it would refuse.</summary>
internal static class HostileMail
{
    public static MimeMessage From(string name, string address, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(name, address));
        message.To.Add(new MailboxAddress("Customer care", "incidents@shop.example"));
        message.Subject = subject;
        message.MessageId = MimeUtils.GenerateMessageId("mail.example");
        message.Date = DateTimeOffset.UtcNow;
        return message;
    }

    /// <summary>A file that starts like a JPEG but is not one: each check must read it to find out.</summary>
    public static MimePart FakeJpeg(string fileName, int seed)
    {
        byte[] content = [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes($"not really a photo {seed}")];
        return new MimePart("image", "jpeg")
        {
            Content = new MimeContent(new MemoryStream(content)),
            FileName = fileName,
            ContentTransferEncoding = ContentEncoding.Base64,
        };
    }

    /// <summary>Ola's message with many fake photos, one per part.</summary>
    public static MimeMessage ManyPhotos(int count)
    {
        var message = From("Ola Nordmann", "ola@example.no", "Ødelagt vannkoker, ordre #3001");
        var body = new Multipart("mixed") { new TextPart("plain") { Text = "Vannkokeren kom knust. Bilder vedlagt." } };
        for (var i = 1; i <= count; i++)
        {
            body.Add(FakeJpeg(string.Create(CultureInfo.InvariantCulture, $"bilde-{i:D3}.jpg"), i));
        }

        message.Body = body;
        return message;
    }

    /// <summary>Raw MIME: a text part, then multiparts nested <paramref name="depth"/> deep, a photo at the bottom.</summary>
    public static byte[] DeeplyNested(int depth)
    {
        var raw = new StringBuilder(Headers("Ola Nordmann <ola@example.no>", "Nested, order #3003", "multipart/mixed; boundary=\"b0\""));
        raw.Append("--b0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe parcel came crushed.\r\n");
        for (var level = 0; level < depth; level++)
        {
            raw.Append(CultureInfo.InvariantCulture, $"--b{level}\r\nContent-Type: multipart/mixed; boundary=\"b{level + 1}\"\r\n\r\n");
        }

        raw.Append(CultureInfo.InvariantCulture, $"--b{depth}\r\nContent-Type: image/jpeg; name=deep.jpg\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRg==\r\n");
        for (var level = depth; level >= 0; level--)
        {
            raw.Append(CultureInfo.InvariantCulture, $"--b{level}--\r\n");
        }

        return Encoding.ASCII.GetBytes(raw.ToString());
    }

    /// <summary>Raw MIME with <paramref name="count"/> extra header fields before the ones that matter.</summary>
    public static byte[] ManyHeaders(int count)
    {
        var raw = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            raw.Append(CultureInfo.InvariantCulture, $"X-Relay-{i}: hop {i} via relay{i % 7}.example\r\n");
        }

        raw.Append(Headers("Ola Nordmann <ola@example.no>", "Many headers, order #3004", "text/plain; charset=utf-8"));
        raw.Append("The lid is broken.\r\n");
        return Encoding.ASCII.GetBytes(raw.ToString());
    }

    /// <summary>Raw MIME whose Subject header alone is <paramref name="bytes"/> long, folded as a mailer folds it.</summary>
    public static byte[] HugeSubject(int bytes)
    {
        var subject = new StringBuilder("Broken kettle, order #3005");
        while (subject.Length < bytes)
        {
            subject.Append("\r\n and it is still broken");
        }

        return Encoding.ASCII.GetBytes(Headers("Ola Nordmann <ola@example.no>", subject.ToString(), "text/plain; charset=utf-8") + "The lid is broken.\r\n");
    }

    /// <summary>Raw MIME with one base64 part of <paramref name="bytes"/> characters: it decodes to three quarters of that.</summary>
    public static byte[] HugeBase64(int bytes)
    {
        var raw = new StringBuilder(Headers("Ola Nordmann <ola@example.no>", "Video of the damage, order #3006", "multipart/mixed; boundary=\"x\""));
        raw.Append("--x\r\nContent-Type: text/plain\r\n\r\nSee the video.\r\n--x\r\nContent-Type: video/mp4; name=damage.mp4\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        for (var written = 0; written < bytes; written += 78)
        {
            raw.Append("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n");
        }

        raw.Append("--x--\r\n");
        return Encoding.ASCII.GetBytes(raw.ToString());
    }

    /// <summary>Raw MIME cut off in the middle of a base64 photo, closing boundaries never sent.</summary>
    public static byte[] Truncated() =>
        Encoding.ASCII.GetBytes(Headers("Ola Nordmann <ola@example.no>", "Cut off, order #3007", "multipart/mixed; boundary=\"cut\"") +
            "--cut\r\nContent-Type: text/plain\r\n\r\nPhoto attached.\r\n--cut\r\nContent-Type: image/jpeg; name=half.jpg\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUV");

    /// <summary>Raw MIME whose multipart boundary is never used, or not declared at all.</summary>
    public static byte[] WrongBoundary(bool declared) =>
        Encoding.ASCII.GetBytes(Headers("Ola Nordmann <ola@example.no>", "Boundary, order #3008", declared ? "multipart/mixed; boundary=\"declared\"" : "multipart/mixed") +
            "--other\r\nContent-Type: text/plain\r\n\r\nThe handle fell off.\r\n--other--\r\n");

    /// <summary>Raw MIME: a text part, then <paramref name="count"/> empty parts.</summary>
    public static byte[] EmptyParts(int count)
    {
        var raw = new StringBuilder(Headers("Ola Nordmann <ola@example.no>", "Empty parts, order #3009", "multipart/mixed; boundary=\"e\""));
        raw.Append("--e\r\nContent-Type: text/plain\r\n\r\nThe kettle leaks.\r\n");
        for (var i = 0; i < count; i++)
        {
            raw.Append("--e\r\n\r\n");
        }

        raw.Append("--e--\r\n");
        return Encoding.ASCII.GetBytes(raw.ToString());
    }

    /// <summary>Raw MIME with NUL bytes in the sender, the subject and the body.</summary>
    public static byte[] WithNulBytes() =>
        Encoding.ASCII.GetBytes(Headers("Ola\0 Nordmann <ola\0@example.no>", "Broken\0 kettle, order #3011", "text/plain; charset=utf-8") + "The lid\0 broke.\r\n");

    /// <summary>Raw MIME whose parts and encoded words name UTF-7 and charsets nobody knows.</summary>
    public static byte[] OddCharsets() =>
        Encoding.ASCII.GetBytes(Headers("=?x-klingon?Q?Ola?= <ola@example.no>", "=?utf-7?Q?+ADw-script+AD4-?= order #3012", "multipart/alternative; boundary=\"c\"") +
            "--c\r\nContent-Type: text/plain; charset=utf-7\r\n\r\nHi +ADw-b+AD4-there+ADw-/b+AD4-\r\n" +
            "--c\r\nContent-Type: text/html; charset=x-unknown-42\r\n\r\n<p>Hi</p>\r\n--c--\r\n");

    /// <summary>A parsed-mode post of exactly these fields, as bytes (UTF-8), whatever they hold.</summary>
    public static InboundPost Form(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(value)), name);
        }

        return new InboundPost(form.ReadAsByteArrayAsync().GetAwaiter().GetResult(), form.Headers.ContentType!.ToString());
    }

    private static string Headers(string from, string subject, string contentType) =>
        $"From: {from}\r\nTo: incidents@shop.example\r\nSubject: {subject}\r\nMessage-ID: <{MimeUtils.GenerateMessageId("mail.example")}>\r\n" +
        $"Date: {DateUtils.FormatDate(DateTimeOffset.UtcNow)}\r\nMIME-Version: 1.0\r\nContent-Type: {contentType}\r\n\r\n";
}
