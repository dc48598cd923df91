using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Amends.Inbound;

/// <summary>
/// What makes two deliveries the same email, whatever the hops added and however SendGrid posted it:
/// never the header block or the raw bytes (a forwarding alias adds a <c>Received</c> line, raw and
/// parsed mode differ byte for byte), but what the writer wrote.
/// </summary>
public static class MailFingerprint
{
    /// <summary>
    /// A SHA-256 of the normalized sender, date, subject and body: letters and digits only, NFKC and lower
    /// case, so line ends, wrapping, transfer encoding and charset do not change it.
    /// </summary>
    /// <param name="headers">The email's headers, for its Date.</param>
    /// <param name="fromAddress">The sender's address.</param>
    /// <param name="subject">The decoded subject.</param>
    /// <param name="body">The body as plain text.</param>
    public static string Content(HeaderList headers, string? fromAddress, string subject, string body)
    {
        // Length-prefixed, so moving text from one field to the next cannot give the same hash.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var value in new[] { fromAddress?.Trim().ToLowerInvariant() ?? "", Date(headers), Letters(subject), Letters(body) })
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// What tells a redelivery of a Message-ID from another email that reuses it (some mailers do):
    /// its Date, which no hop changes; the content hash when it has none.
    /// </summary>
    public static string Identity(InboundEmail email) =>
        Date(email.Headers) is { Length: > 0 } date ? "date:" + date : "sha256:" + email.ContentHash;

    private static string Date(HeaderList headers) =>
        headers[HeaderId.Date] is { } value && DateUtils.TryParse(value, out var date)
            ? date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : "";

    private static string Letters(string text)
    {
        var letters = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                letters.Append(char.ToLowerInvariant(c));
            }
        }

        return letters.ToString();
    }
}
