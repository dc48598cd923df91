using Amends.Email;
using Amends.Incidents;
using Amends.Photos;
using Amends.Storage;
using Amends.Workflow;
using Microsoft.Extensions.Options;

namespace Amends.Acknowledge;

/// <summary>Tells the customer right away that we have their report, its number and when they hear from us next.</summary>
public sealed class AcknowledgeCustomer(IncidentStore store, CustomerMailer mailer, IOptions<SilenceOptions> silence, IOptions<PhotoOptions> photos, TimeProvider clock)
    : IWorkflowStep<string, bool>
{
    /// <summary>The activity name.</summary>
    public const string Name = "Acknowledge";

    /// <inheritdoc />
    public async Task<bool> RunAsync(string input)
    {
        // The timeline is read beside the incident, not after it: one storage round trip less before the email.
        var timeline = store.TimelineAsync(input);
        var found = store.FindAsync(input);
        await Task.WhenAll(timeline, found);
        if (found.Result is not { Value: var incident })
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var language = incident.Customer.Language;
        var delivery = await mailer.SendAsync(incident, "acknowledgement", CustomerEmailKind.Acknowledgement, new Dictionary<string, object?>
        {
            ["next_update"] = CustomerMailer.FormatDate(now + silence.Value.Limit, language),

            // Attachments refused at intake are on the timeline; the customer is told which and why.
            ["rejected"] = AttachmentRejection.ForTemplate(await timeline, photos.Value),
        });
        if (delivery == MailDelivery.NoAddress)
        {
            return false;
        }

        // Recorded on a retry too (fixed entry id, so once): the first run may have died right after sending,
        // and the customer heard from us when it sent.
        var contacted = await mailer.ContactedAtAsync(incident.Id, "acknowledgement", delivery, now);
        await store.ChangeAsync(
            incident.Id,
            i => i with { LastCustomerContactAt = contacted },
            [new TimelineEntry(IncidentStore.StepEntryId(incident.CreatedAt.AddTicks(1), "acknowledgement"), TimelineEntryKind.Acknowledged, now,
                "Acknowledgement emailed.", "amends", CustomerFacing: true, Delivered: true)]);
        return delivery == MailDelivery.Sent;
    }
}
