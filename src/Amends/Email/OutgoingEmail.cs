namespace Amends.Email;

/// <summary>An email to a customer, ready to send.</summary>
/// <param name="MessageId">Our Message-ID (without angle brackets), so replies can be matched to the incident.</param>
/// <param name="ToAddress">The customer's address.</param>
/// <param name="ToName">The customer's name.</param>
/// <param name="Subject">Subject, carrying the incident tag.</param>
/// <param name="Body">Plain-text body.</param>
/// <param name="Attachments">Files sent with it (e.g. a return label); none when null.</param>
/// <param name="InReplyTo">The Message-ID of the customer's mail it answers (without angle brackets), so their mail program threads it.</param>
/// <param name="References">The conversation's Message-IDs, oldest first; none when null.</param>
/// <param name="Html">The same message as HTML, sent beside the plain text as multipart/alternative; plain text only when null.</param>
public sealed record OutgoingEmail(
    string MessageId,
    string ToAddress,
    string ToName,
    string Subject,
    string Body,
    IReadOnlyList<EmailAttachment>? Attachments = null,
    string? InReplyTo = null,
    IReadOnlyList<string>? References = null,
    string? Html = null);

/// <summary>A file sent with an email.</summary>
/// <param name="FileName">The name the customer sees.</param>
/// <param name="ContentType">Its media type, e.g. <c>application/pdf</c>.</param>
/// <param name="Content">Its bytes.</param>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Sends customer emails. One implementation per channel: SendGrid, or the local outbox.</summary>
public interface IEmailSender
{
    /// <summary>Sends <paramref name="email"/>; throws when it could not be handed over.</summary>
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default);
}
