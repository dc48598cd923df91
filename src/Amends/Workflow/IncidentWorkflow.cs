using Amends.Compensate;
using Amends.Silence;
using Microsoft.DurableTask;

namespace Amends.Workflow;

/// <summary>
/// One incident's life as a durable orchestration (instance id = incident id):
/// acknowledge → keep the customer informed under the silence timer until resolved →
/// compensate and apologize → close.
/// </summary>
public static class IncidentWorkflow
{
    /// <summary>The orchestration name.</summary>
    public const string Name = "IncidentWorkflow";

    /// <summary>The event that wakes the workflow when an incident changed in storage.</summary>
    public const string WakeUp = "IncidentChanged";

    /// <summary>Runs the workflow. Deterministic: every side effect is an activity.</summary>
    public static async Task<string> RunAsync(TaskOrchestrationContext context, WorkflowState state)
    {
        if (!state.Acknowledged)
        {
            await context.CallActivityAsync<bool>(Acknowledge.Acknowledge.Name, state.IncidentId);
            state = state with { Acknowledged = true };
        }

        // One waiter is kept across timer cycles; a cancelled waiter could swallow the next event (durabletask-dotnet #508).
        var wake = context.WaitForExternalEvent<string>(WakeUp);
        for (var turn = 0; turn < state.TurnsPerGeneration; turn++)
        {
            var contact = await context.CallActivityAsync<CustomerContact>(KeepCustomerInformed.Name, state.IncidentId);
            if (!contact.StillOpen)
            {
                return await FinishAsync(context, state.IncidentId);
            }

            // The losing timer is cancelled, or the instance would linger until it fires (#713).
            using var silenceTimer = new CancellationTokenSource();
            var timer = context.CreateTimer(contact.NextUpdateDue.UtcDateTime, silenceTimer.Token);
            if (await Task.WhenAny(wake, timer) == wake)
            {
                // Synchronous on purpose: CancelAsync would resume the orchestrator off its own thread.
                silenceTimer.Cancel();
                wake = context.WaitForExternalEvent<string>(WakeUp);
            }
        }

        // Bounded history; events that arrived meanwhile are carried into the next generation (#387).
        context.ContinueAsNew(state with { Generation = state.Generation + 1 }, preserveUnprocessedEvents: true);
        return "continued";
    }

    private static async Task<string> FinishAsync(TaskOrchestrationContext context, string incidentId)
    {
        var compensation = await context.CallActivityAsync<Compensation>(Compensate.Compensate.Name, incidentId);
        await context.CallActivityAsync<bool>(Apologize.Name, new Apology(incidentId, compensation));
        await context.CallActivityAsync<bool>(Close.Close.Name, incidentId);
        return "closed";
    }
}

/// <summary>What the workflow carries from one generation to the next.</summary>
/// <param name="IncidentId">The incident (and instance) id.</param>
/// <param name="TurnsPerGeneration">Waits per generation before continuing as new.</param>
/// <param name="Acknowledged">Whether the acknowledgement step ran.</param>
/// <param name="Generation">How many times the workflow continued as new.</param>
public sealed record WorkflowState(string IncidentId, int TurnsPerGeneration, bool Acknowledged = false, int Generation = 0);
