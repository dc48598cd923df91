using Amends.Acknowledge;
using Amends.Close;
using Amends.Compensate;
using Amends.Payments;
using Amends.Returns;
using Amends.Silence;
using Microsoft.DurableTask;

namespace Amends.Workflow;

/// <summary>
/// One incident's life as a durable orchestration (instance id = incident id):
/// acknowledge → keep the customer informed under the silence timer (and advance a return: reminder,
/// window, refund) until resolved → compensate (asking the store to pay refunded shipping) and apologize → close. Every step is retried under the policy and, when its attempts
/// run out, waits for staff (or the watchdog) to resume it: the orchestration does not fail on a step.
/// </summary>
public static class IncidentWorkflow
{
    /// <summary>The orchestration name.</summary>
    public const string Name = "IncidentWorkflow";

    /// <summary>The event that wakes the workflow when an incident changed in storage, or resumes a stopped step.</summary>
    public const string WakeUp = "IncidentChanged";

    /// <summary>Runs the workflow. Deterministic: every side effect is an activity.</summary>
    public static async Task<string> RunAsync(TaskOrchestrationContext context, WorkflowState state)
    {
        var run = new IncidentRun(context, state);
        var id = state.IncidentId;
        if (!state.Acknowledged)
        {
            await AcknowledgeAsync(run, id);
            state = state with { Acknowledged = true };
        }

        for (var turn = 0; turn < state.TurnsPerGeneration; turn++)
        {
            var contact = await KeepInformedAsync(run, id);
            if (Resolved(contact))
            {
                var compensation = await CompensateAsync(run, id);
                await ApologizeAsync(run, id, compensation);
                await CloseAsync(run, id);
                return "closed";
            }

            // A return runs inside the same loop, so the silence timer keeps watching while the parcel travels.
            var wakeAt = contact.Returning ? await AdvanceReturnAsync(run, id, contact.NextUpdateDue) : contact.NextUpdateDue;
            await run.WakeOrTimerAsync(wakeAt);
        }

        // Bounded history; events that arrived meanwhile are carried into the next generation (#387).
        context.ContinueAsNew(state with { Generation = state.Generation + 1 }, preserveUnprocessedEvents: true);
        return "continued";
    }

    /// <summary>Acknowledge: the customer hears from us within seconds.</summary>
    private static Task<bool> AcknowledgeAsync(IncidentRun run, string id) => run.StepAsync<bool>(AcknowledgeCustomer.Name, id);

    /// <summary>Keep informed: an update when the customer would otherwise go too long without news; says when to look again.</summary>
    private static Task<CustomerContact> KeepInformedAsync(IncidentRun run, string id) => run.StepAsync<CustomerContact>(KeepCustomerInformed.Name, id);

    /// <summary>Resolve: staff resolved the incident (in storage, read by the keep-informed step).</summary>
    private static bool Resolved(CustomerContact contact) => !contact.StillOpen;

    /// <summary>Compensate by policy, asking the store to pay back the shipping when that is the compensation.</summary>
    private static async Task<Compensation> CompensateAsync(IncidentRun run, string id)
    {
        var compensation = await run.StepAsync<Compensation>(CompensateCustomer.Name, id);
        if (compensation.Outcome == CompensationKind.RefundedShipping)
        {
            await run.PayAsync(new PaymentRequest(id, PaymentKind.ShippingRefund, compensation.ShippingRefund));
        }

        return compensation;
    }

    /// <summary>Apologize, with the compensation.</summary>
    private static Task<bool> ApologizeAsync(IncidentRun run, string id, Compensation compensation) => run.StepAsync<bool>(Apologize.Name, new Apology(id, compensation));

    /// <summary>Close: the satisfaction question, the times for the reports.</summary>
    private static Task<bool> CloseAsync(IncidentRun run, string id) => run.StepAsync<bool>(CloseIncident.Name, id);

    /// <summary>A return's next step (reminder, window, refund); answers when to wake, at the latest <paramref name="nextUpdateDue"/>.</summary>
    private static async Task<DateTimeOffset> AdvanceReturnAsync(IncidentRun run, string id, DateTimeOffset nextUpdateDue)
    {
        var progress = await run.StepAsync<ReturnProgress>(AdvanceReturn.Name, id);
        if (progress.Refund is { } refund)
        {
            await run.PayAsync(refund);
        }

        return progress.Due < nextUpdateDue ? progress.Due.Value : nextUpdateDue;
    }
}

/// <summary>What the workflow carries from one generation to the next.</summary>
/// <param name="IncidentId">The incident (and instance) id.</param>
/// <param name="TurnsPerGeneration">Waits per generation before continuing as new.</param>
/// <param name="Acknowledged">Whether the acknowledgement step ran (a restart reads it from the timeline).</param>
/// <param name="Generation">How many times the workflow continued as new.</param>
/// <param name="Retry">The steps' retry policy; null in instances started before it was carried (the defaults apply).</param>
public sealed record WorkflowState(string IncidentId, int TurnsPerGeneration, bool Acknowledged = false, int Generation = 0, StepRetry? Retry = null);
