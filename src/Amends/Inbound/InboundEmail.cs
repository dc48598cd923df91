using Amends.Photos;
using MimeKit;

namespace Amends.Inbound;

/// <summary>An inbound email as Amends reads it, whichever way SendGrid posted it (parsed fields or raw MIME).</summary>
/// <param name="MessageId">Its Message-ID without angle brackets, when it has one.</param>
/// <param name="FromAddress">The sender's address, when it could be read.</param>
/// <param name="FromName">The sender's display name, when given.</param>
/// <param name="Recipients">Every address it was sent to: To, Cc and the SMTP envelope.</param>
/// <param name="Subject">The subject, decoded.</param>
/// <param name="Text">The body as plain text (converted from HTML when there was no text part).</param>
/// <param name="ReferencedMessageIds">The Message-IDs it answers: In-Reply-To first, then References.</param>
/// <param name="Headers">All headers, for loop detection.</param>
/// <param name="EnvelopeFrom">The SMTP envelope sender (return path); empty for bounces, null when unknown.</param>
/// <param name="Attachments">Its attachments, unchecked.</param>
/// <param name="Problems">What could not be read exactly (e.g. an unknown charset); staff review these.</param>
/// <param name="ContentHash">A SHA-256 of its normalized sender, date, subject and body (<see cref="MailFingerprint.Content"/>), the same for every delivery of the same message in either mode.</param>
/// <param name="IsDeliveryReport">True for a <c>multipart/report</c>: a bounce or delivery notice.</param>
/// <param name="Unread">The files beyond the limits of one post, not read at all; null when every file was read.</param>
public sealed record InboundEmail(
    string? MessageId,
    string? FromAddress,
    string? FromName,
    IReadOnlyList<string> Recipients,
    string Subject,
    string Text,
    IReadOnlyList<string> ReferencedMessageIds,
    HeaderList Headers,
    string? EnvelopeFrom,
    IReadOnlyList<IncomingFile> Attachments,
    IReadOnlyList<string> Problems,
    string ContentHash,
    bool IsDeliveryReport,
    UnreadFiles? Unread = null);

/// <summary>The post is authentic but cannot be read as an email; it is kept for staff to review.</summary>
public sealed class UnreadableMailException(string message, Exception? inner = null) : Exception(message, inner);
