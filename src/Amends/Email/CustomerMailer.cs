using Amends.Incidents;
using Amends.Storage;
using Amends.Storefront;
using Amends.Telemetry;
using Azure;
using Microsoft.Extensions.Options;

namespace Amends.Email;

/// <summary>
/// Writes to a customer about their incident, exactly once per incident and step: the step is
/// recorded in the incident's email log before and after sending, so a retried activity skips an
/// email that already went out.
/// </summary>
public sealed class CustomerMailer(
    IEmailSender sender, EmailTemplates templates, IncidentStore store, MailThreads threads, CustomerLinks.CustomerLinks links, IOptions<EmailOptions> options, IOptions<StoreIdentity> identity, EmailLayout layout, TimeProvider clock)
{
    private const int RecordAttempts = 4;
    private static readonly TimeSpan RecordRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Sends the <paramref name="kind"/> email for <paramref name="step"/> unless it was sent before.</summary>
    /// <param name="incident">Whom and what it is about.</param>
    /// <param name="step">The idempotency key within the incident, e.g. <c>acknowledgement</c>.</param>
    /// <param name="kind">Which template.</param>
    /// <param name="values">Values for the template beyond the incident's own.</param>
    /// <param name="cancellationToken">Cancels sending.</param>
    /// <param name="attachments">Files to send with it, e.g. a return label.</param>
    /// <returns>Whether it was sent now, had been sent before, or could not be sent for want of an address.</returns>
    public async Task<MailDelivery> SendAsync(
        Incident incident,
        string step,
        CustomerEmailKind kind,
        IReadOnlyDictionary<string, object?> values,
        CancellationToken cancellationToken = default,
        IReadOnlyList<EmailAttachment>? attachments = null)
    {
        // Mail we could not read may leave no usable address: staff reach that customer another way.
        if (!EmailAddresses.IsMailbox(incident.Customer.Email))
        {
            return MailDelivery.NoAddress;
        }

        if (!await store.BeginEmailAsync(incident.Id, step, cancellationToken))
        {
            return MailDelivery.SentBefore;
        }

        // Two independent reads, side by side: each is a storage round trip on the way to the customer's email.
        var statusLink = links.StatusUrlAsync(incident.Id, cancellationToken);
        var conversation = threads.ThreadAsync(incident.Id, cancellationToken);
        await Task.WhenAll(statusLink, conversation);
        Dictionary<string, object?> all = new(values)
        {
            ["number"] = incident.Id,
            ["name"] = incident.Customer.Name,
            ["order"] = incident.OrderNumber,
            ["store"] = identity.Value.Name.Trim(),

            // Every email carries the status page's link: where the incident stands, and a way to write back with photos.
            ["status_link"] = await statusLink,
        };
        var (subject, body) = templates.Render(kind, incident.Customer.Language, all);
        var domain = options.Value.FromAddress[(options.Value.FromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var messageId = $"{incident.Id}.{step}@{domain}";

        // One conversation in the customer's mailbox: a stable subject, answering their last mail.
        var thread = await conversation;
        var headers = thread.For(incident.Id, incident.Customer.Email, messageId, subject);

        // Remembered before it goes, so a reply that overtakes the send still finds its incident.
        await threads.RecordAsync(incident.Id, messageId, ThreadMessageKind.Sent, options.Value.FromAddress, clock.GetUtcNow(),
            thread.Subject is null ? headers.Subject : null, cancellationToken);
        // The store's identity dresses every email here, so no template repeats it: its contact under the text, its colours in the HTML.
        using (var span = AmendsTelemetry.StartEmail(incident.Id, kind))
        {
            try
            {
                await sender.SendAsync(
                    new OutgoingEmail(messageId, incident.Customer.Email, incident.Customer.Name, headers.Subject, layout.Text(body), attachments, headers.InReplyTo, headers.References,
                        layout.Html(incident.Customer.Language, subject, body)),
                    cancellationToken);
            }
            catch (Exception e)
            {
                AmendsTelemetry.Failed("email", e, span);
                throw;
            }
        }

        AmendsTelemetry.EmailSent(kind, incident.Customer.Language, clock.GetUtcNow() - incident.CreatedAt);
        await RecordSentAsync(incident.Id, step, cancellationToken);
        return MailDelivery.Sent;
    }

    /// <summary>
    /// When the customer heard from us by <paramref name="step"/>, given how <see cref="SendAsync"/> went: <paramref name="now"/>,
    /// or, for an email sent before, when an earlier run (one that died before recording it) sent it, so a re-run
    /// step never restarts the silence clock.
    /// </summary>
    public async Task<DateTimeOffset> ContactedAtAsync(string incidentId, string step, MailDelivery delivery, DateTimeOffset now) =>
        delivery == MailDelivery.SentBefore ? await store.EmailSentAtAsync(incidentId, step) ?? now : now;

    /// <summary>
    /// Records the email as sent. It is out already: should the record be lost, a retried step would send
    /// it again (SendGrid knows no idempotency key), so a storage blip here is waited out before the step fails.
    /// </summary>
    private async Task RecordSentAsync(string incidentId, string step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.CompleteEmailAsync(incidentId, step, cancellationToken);
                return;
            }
            catch (RequestFailedException) when (attempt < RecordAttempts)
            {
                await Task.Delay(RecordRetryDelay * attempt, cancellationToken);
            }
        }
    }

    /// <summary>A date as the customer reads it, in their language.</summary>
    public static string FormatDate(DateTimeOffset at, string language) => CustomerLanguage.Date(at, language);
}

/// <summary>What became of a customer email.</summary>
public enum MailDelivery
{
    /// <summary>Sent now.</summary>
    Sent,

    /// <summary>Sent by an earlier run of the same step; not sent again.</summary>
    SentBefore,

    /// <summary>Not sent: the incident has no usable customer address.</summary>
    NoAddress,
}
