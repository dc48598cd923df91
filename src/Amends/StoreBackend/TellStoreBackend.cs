using System.Globalization;
using Amends.Incidents;
using Amends.Payments;
using Amends.Storage;
using Amends.Workflow;
using Microsoft.DurableTask;

namespace Amends.StoreBackend;

/// <summary>
/// Tells the store's back end of one payment instruction as its own small orchestration, named by the
/// instruction's id, started by staff choosing a refund or store credit; the incident's workflow runs the same
/// steps inline for a return's refund and refunded shipping. The waits between attempts are durable
/// timers (a restart resumes them), and the outcome lands on the instruction and the incident's timeline.
/// </summary>
public static class TellStoreBackend
{
    /// <summary>The orchestration name.</summary>
    public const string Name = "TellStoreBackend";

    /// <summary>Posts until the store answers 2xx or the attempts run out, then notes the outcome. Deterministic.</summary>
    public static Task<StoreBackendDelivery> RunAsync(TaskOrchestrationContext context, StoreBackendNotice notice) => TellAsync(context, notice);

    /// <summary>
    /// The posting itself, for any orchestration that tells the store: this one, or the incident's workflow
    /// (which posts inline: the standalone server's back end cannot start sub-orchestrations, see docs/returns.md).
    /// </summary>
    public static async Task<StoreBackendDelivery> TellAsync(TaskOrchestrationContext context, StoreBackendNotice notice)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(notice);
        // The steps' own retry policy covers an activity that throws (e.g. storage failing under the note);
        // the loop below is the store's: its answers, and the durable waits between posts.
        var steps = (notice.Retry ?? StepRetry.Default).ToTaskOptions();
        var delay = notice.FirstRetryDelay;
        StoreBackendAnswer answer = new(StoreBackendOutcome.Failed, null);
        var attempt = 0;
        while (attempt < notice.MaxAttempts)
        {
            if (attempt++ > 0)
            {
                await context.CreateTimer(delay, CancellationToken.None);
                delay *= 2;
            }

            try
            {
                answer = await context.CallActivityAsync<StoreBackendAnswer>(PostToStoreBackend.Name, notice.Event, steps);
            }
            catch (TaskFailedException)
            {
                answer = new StoreBackendAnswer(StoreBackendOutcome.Failed, null);
            }

            if (answer.Outcome != StoreBackendOutcome.Failed)
            {
                break;
            }
        }

        var delivery = new StoreBackendDelivery(answer.Outcome, answer.Outcome == StoreBackendOutcome.Skipped ? 0 : attempt, answer.Status);
        await context.CallActivityAsync<bool>(NoteStoreBackendOutcome.Name, new StoreBackendOutcomeNote(notice.Event, delivery, context.CurrentUtcDateTime), steps);
        return delivery;
    }
}

/// <summary>One post of an event to the store's back end, as a durable activity.</summary>
public sealed class PostToStoreBackend(StoreBackendWebhook webhook) : IWorkflowStep<StoreBackendEvent, StoreBackendAnswer>
{
    /// <summary>The activity name.</summary>
    public const string Name = "PostToStoreBackend";

    /// <inheritdoc />
    public Task<StoreBackendAnswer> RunAsync(StoreBackendEvent input) => webhook.PostAsync(input);
}

/// <summary>What the store was told and how it went, for the incident's timeline.</summary>
/// <param name="Event">The event.</param>
/// <param name="Delivery">How it went.</param>
/// <param name="At">When the orchestration finished trying (fixes the entry's id, so a retried note is written once).</param>
public sealed record StoreBackendOutcomeNote(StoreBackendEvent Event, StoreBackendDelivery Delivery, DateTime At);

/// <summary>
/// Notes on the timeline, for staff only, whether the store was told, and on the payment instruction how
/// the posting went; a failure says to pay by hand and flags the incident for staff.
/// </summary>
public sealed class NoteStoreBackendOutcome(IncidentStore store, PaymentInstructions instructions) : IWorkflowStep<StoreBackendOutcomeNote, bool>
{
    /// <summary>The activity name.</summary>
    public const string Name = "NoteStoreBackendOutcome";

    /// <inheritdoc />
    public async Task<bool> RunAsync(StoreBackendOutcomeNote input)
    {
        var (storeEvent, delivery) = (input.Event, input.Delivery);
        var text = delivery.Outcome switch
        {
            StoreBackendOutcome.Delivered => $"Store back end told: {storeEvent.Type} (attempt {delivery.Attempts}).",
            StoreBackendOutcome.Skipped => $"Store back end not told of {storeEvent.Type}: no webhook URL configured. Refund or credit it by hand.",
            _ => $"Store back end not told of {storeEvent.Type} after {delivery.Attempts} attempts (last status {delivery.LastStatus?.ToString(CultureInfo.InvariantCulture) ?? "none"}). Refund or credit it by hand.",
        };

        // A confirmation that overtook this note stays confirmed.
        var status = delivery.Outcome switch
        {
            StoreBackendOutcome.Delivered => PaymentStatus.Requested,
            StoreBackendOutcome.Skipped => PaymentStatus.NotSent,
            _ => PaymentStatus.Failed,
        };
        await instructions.ChangeAsync(storeEvent.IdempotencyId, i => i with
        {
            Posted = true,
            Attempts = delivery.Attempts,
            Status = i.Status == PaymentStatus.Requested ? status : i.Status,
        });

        var at = new DateTimeOffset(input.At, TimeSpan.Zero);
        var entry = new TimelineEntry(
            IncidentStore.StepEntryId(at, $"store-{storeEvent.Type}"), TimelineEntryKind.InternalNote, at, text, "amends", CustomerFacing: false, Delivered: false);
        if (status == PaymentStatus.Requested)
        {
            await store.AppendAsync(storeEvent.IncidentId, entry);
        }
        else
        {
            await store.ChangeAsync(storeEvent.IncidentId, i => i.Raise(AttentionKind.StoreRequestFailed, at, storeEvent.Type), [entry]);
        }

        return true;
    }
}
