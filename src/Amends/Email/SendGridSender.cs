using Amends.Storefront;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Amends.Email;

/// <summary>Sends customer emails through the SendGrid v3 API.</summary>
public sealed class SendGridSender(ISendGridClient client, IOptions<EmailOptions> options, IOptions<StoreIdentity> store) : IEmailSender
{
    /// <inheritdoc />
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        var message = MailHelper.CreateSingleEmail(
            new EmailAddress(options.Value.FromAddress, store.Value.Name.Trim()),
            new EmailAddress(email.ToAddress, email.ToName),
            email.Subject,
            email.Body,
            htmlContent: email.Html);
        message.AddHeader("Message-ID", $"<{email.MessageId}>");
        if (email.InReplyTo is { } inReplyTo)
        {
            message.AddHeader("In-Reply-To", $"<{inReplyTo}>");
        }

        if (email.References is { Count: > 0 } references)
        {
            message.AddHeader("References", string.Join(' ', references.Select(r => $"<{r}>")));
        }

        foreach (var attachment in email.Attachments ?? [])
        {
            message.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType, "attachment");
        }

        var response = await client.SendEmailAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // Throwing fails the activity, which the workflow runs again under its retry policy (Amends:Workflow:Retry);
            // the email log stays "not sent", so the retry sends it.
            throw new EmailNotSentException($"SendGrid answered {(int)response.StatusCode}.");
        }
    }
}

/// <summary>The email provider refused or failed to take an email.</summary>
public sealed class EmailNotSentException(string message) : Exception(message);
