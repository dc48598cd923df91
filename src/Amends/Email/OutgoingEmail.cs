namespace Amends.Email;

/// <summary>An email to a customer, ready to send.</summary>
/// <param name="MessageId">Our Message-ID (without angle brackets), so replies can be matched to the incident.</param>
/// <param name="ToAddress">The customer's address.</param>
/// <param name="ToName">The customer's name.</param>
/// <param name="Subject">Subject, carrying the incident tag.</param>
/// <param name="Body">Plain-text body.</param>
public sealed record OutgoingEmail(string MessageId, string ToAddress, string ToName, string Subject, string Body);

/// <summary>Sends customer emails. One implementation per channel: SendGrid, or the local outbox.</summary>
public interface IEmailSender
{
    /// <summary>Sends <paramref name="email"/>; throws when it could not be handed over.</summary>
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default);
}
