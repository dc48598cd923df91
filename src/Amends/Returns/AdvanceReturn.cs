using Amends.Email;
using Amends.Incidents;
using Amends.Payments;
using Amends.Storage;
using Amends.Workflow;
using Microsoft.Extensions.Options;

namespace Amends.Returns;

/// <summary>
/// The return's work each time the workflow wakes, decided on the return as stored: remind the customer
/// once when the parcel is late, flag staff once when the window closes with no parcel, and after the
/// inspection hand the orchestrator the refund to ask the store for. Keyed by incident and step, so a retry
/// sends no second reminder and adds no second note.
/// </summary>
public sealed class AdvanceReturn(
    IncidentStore store,
    CustomerMailer mailer,
    PaymentInstructions payments,
    IOptions<ReturnFlowOptions> options,
    IOptions<ReturnPolicy> policy,
    TimeProvider clock) : IWorkflowStep<string, ReturnProgress>
{
    /// <summary>The activity name.</summary>
    public const string Name = "AdvanceReturn";

    /// <inheritdoc />
    public async Task<ReturnProgress> RunAsync(string input)
    {
        if (await store.FindAsync(input) is not { Value: { Status: IncidentStatus.Open, Return: { InProgress: true } parcel } incident })
        {
            return new ReturnProgress(null, null);
        }

        var now = clock.GetUtcNow();
        var reminderDue = parcel.LabelIssuedAt + options.Value.ReminderAfter;
        var windowCloses = parcel.LabelIssuedAt + options.Value.WindowUnder(policy.Value);
        if (parcel is { Stage: ReturnStage.AwaitingParcel, ReminderSent: false } && now >= reminderDue && now < windowCloses)
        {
            parcel = await RemindAsync(incident, parcel, reminderDue, windowCloses, now);
        }

        if (parcel is { Awaited: true, WindowClosedFlagged: false } && now >= windowCloses)
        {
            parcel = parcel with { WindowClosedFlagged = true };
            await store.ChangeAsync(incident.Id, i => (i with { Return = i.Return is { } r ? r with { WindowClosedFlagged = true } : null }).Raise(AttentionKind.ReturnOverdue, windowCloses),
                [new TimelineEntry(IncidentStore.StepEntryId(windowCloses, "return-window"), TimelineEntryKind.ReturnUpdate, now,
                    "The return window closed and the parcel has not arrived; needs staff attention.", "amends", CustomerFacing: false, Delivered: false)]);
        }

        if (parcel.Stage == ReturnStage.Inspected)
        {
            return await RefundAsync(incident, parcel, now);
        }

        DateTimeOffset? due = null;
        if (parcel is { Stage: ReturnStage.AwaitingParcel, ReminderSent: false } && reminderDue > now && reminderDue < windowCloses)
        {
            due = reminderDue;
        }

        if (parcel is { Awaited: true, WindowClosedFlagged: false } && (due is null || windowCloses < due))
        {
            due = windowCloses;
        }

        return new ReturnProgress(due, null);
    }

    private async Task<ParcelReturn> RemindAsync(Incident incident, ParcelReturn parcel, DateTimeOffset reminderDue, DateTimeOffset windowCloses, DateTimeOffset now)
    {
        var delivery = await mailer.SendAsync(incident, "return-reminder", CustomerEmailKind.ReturnReminder, new Dictionary<string, object?>
        {
            ["return_number"] = incident.Resolution?.Return?.ReturnNumber,
            ["window_closes"] = CustomerMailer.FormatDate(windowCloses, incident.Customer.Language),
        });
        var text = delivery == MailDelivery.NoAddress
            ? "The return parcel has not come; no address to remind the customer."
            : "The return parcel has not come: the customer was reminded.";
        await store.ChangeAsync(incident.Id,
            i => i with
            {
                LastCustomerContactAt = delivery == MailDelivery.Sent ? now : i.LastCustomerContactAt,
                Return = i.Return is { } r ? r with { ReminderSent = true } : null,
            },
            [new TimelineEntry(IncidentStore.StepEntryId(reminderDue, "return-reminder"), TimelineEntryKind.ReturnUpdate, now, text, "amends",
                CustomerFacing: true, Delivered: true)]);
        return parcel with { ReminderSent = true };
    }

    /// <summary>The refund to ask for, until the store was told; nothing to pay completes the return at once.</summary>
    private async Task<ReturnProgress> RefundAsync(Incident incident, ParcelReturn parcel, DateTimeOffset now)
    {
        if (parcel.Refund is > 0 and var refund)
        {
            var instruction = await payments.FindAsync(PaymentInstruction.IdFor(incident.Id, PaymentKind.ReturnRefund));
            return new ReturnProgress(null, instruction is { Posted: true } ? null : new PaymentRequest(incident.Id, PaymentKind.ReturnRefund, refund));
        }

        await store.ChangeAsync(incident.Id,
            i => i.Status == IncidentStatus.Open && i.Return is { } r
                ? i with { Return = r with { Stage = ReturnStage.RefundSent }, Status = IncidentStatus.Resolved, ResolvedAt = now }
                : i,
            [new TimelineEntry(IncidentStore.StepEntryId(parcel.InspectedAt ?? now, "return-resolved"), TimelineEntryKind.Resolved, now,
                "Return completed: nothing to refund after inspection.", "amends", CustomerFacing: false, Delivered: false)]);
        return new ReturnProgress(now, null);
    }
}

/// <summary>What the workflow does next for a return.</summary>
/// <param name="Due">When the return needs the workflow again (a reminder, the window), or null for a wake-up only.</param>
/// <param name="Refund">The refund to ask the store for now, if any.</param>
public sealed record ReturnProgress(DateTimeOffset? Due, PaymentRequest? Refund);
