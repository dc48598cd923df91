using System.Globalization;
using Amends.Incidents;
using Amends.Storage;
using Amends.Workflow;
using Microsoft.DurableTask;

namespace Amends.StoreBackend;

/// <summary>
/// Tells the store's back end of a refund or store credit as its own small orchestration, started when
/// staff choose the resolution: the staff request returns at once, the waits between attempts are
/// durable timers (a restart resumes them), and the outcome lands on the incident's timeline for staff.
/// </summary>
public static class TellStoreBackend
{
    /// <summary>The orchestration name.</summary>
    public const string Name = "TellStoreBackend";

    /// <summary>The instance id for telling <paramref name="notice"/>, decided by the staff action that asked.</summary>
    public static string InstanceId(StoreBackendNotice notice, string entryId) => $"{notice.Event.IdempotencyId}.{entryId}";

    /// <summary>Posts until the store answers 2xx or the attempts run out, then notes the outcome. Deterministic.</summary>
    public static async Task<StoreBackendDelivery> RunAsync(TaskOrchestrationContext context, StoreBackendNotice notice)
    {
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

/// <summary>Notes on the timeline, for staff only, whether the store was told; a failure says to pay by hand.</summary>
public sealed class NoteStoreBackendOutcome(IncidentStore store) : IWorkflowStep<StoreBackendOutcomeNote, bool>
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
        var at = new DateTimeOffset(input.At, TimeSpan.Zero);
        await store.AppendAsync(storeEvent.IncidentId, new TimelineEntry(
            IncidentStore.StepEntryId(at, $"store-{storeEvent.Type}"), TimelineEntryKind.InternalNote, at, text, "amends", CustomerFacing: false, Delivered: false));
        return true;
    }
}
