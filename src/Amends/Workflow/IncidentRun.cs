using Amends.Payments;
using Amends.StoreBackend;
using Microsoft.DurableTask;

namespace Amends.Workflow;

/// <summary>
/// One generation of an incident's workflow as the orchestrator sees it: every step under the retry
/// policy, a stop for staff when a step's attempts run out, and the one wake-up waiter kept across
/// timer cycles and stops (a cancelled waiter could swallow the next event, durabletask-dotnet #508).
/// Deterministic, like the orchestrator it serves.
/// </summary>
internal sealed class IncidentRun(TaskOrchestrationContext context, WorkflowState state)
{
    private readonly StepRetry retry = state.Retry ?? StepRetry.Default;
    private Task<string> wake = context.WaitForExternalEvent<string>(IncidentWorkflow.WakeUp);

    /// <summary>
    /// Runs <paramref name="activity"/> until it succeeds: retried by Durable Task under the policy; when
    /// every attempt failed, the incident is flagged for staff and the step waits for a wake-up (staff
    /// resuming it, or the watchdog) before it is tried again. The orchestration never fails on a step.
    /// </summary>
    public async Task<T> StepAsync<T>(string activity, object input)
    {
        while (true)
        {
            try
            {
                return await context.CallActivityAsync<T>(activity, input, retry.ToTaskOptions());
            }
            catch (TaskFailedException failure)
            {
                await StopAsync(activity, failure.FailureDetails);
            }
        }
    }

    /// <summary>
    /// Asks the store to pay <paramref name="request"/>: the instruction is recorded by an activity (once per
    /// incident and kind), then posted here with <see cref="TellStoreBackend"/>'s steps and durable back-off. Inline,
    /// not a sub-orchestration: the standalone server's durable back end fails to start sub-orchestrations. A
    /// replay finds the posts in the history; an instruction already posted is not handed back, so it is never
    /// posted again. A posting that failed for good is on the instruction for staff; the workflow goes on.
    /// </summary>
    public async Task PayAsync(PaymentRequest request)
    {
        var notice = await StepAsync<StoreBackendNotice?>(RequestPayment.Name, request);
        if (notice is null)
        {
            return;
        }

        try
        {
            await TellStoreBackend.TellAsync(context, notice);
        }
        catch (TaskFailedException)
        {
            // Its note could not be written: the instruction stays unposted, and a return asks again on its next turn.
        }
    }

    /// <summary>Waits until <paramref name="until"/> or a wake-up, whichever comes first.</summary>
    public async Task WakeOrTimerAsync(DateTimeOffset until)
    {
        // The losing timer is cancelled, or the instance would linger until it fires (#713).
        using var timerCancellation = new CancellationTokenSource();
        var timer = context.CreateTimer(until.UtcDateTime, timerCancellation.Token);
        if (await Task.WhenAny(wake, timer) == wake)
        {
            // Synchronous on purpose: CancelAsync would resume the orchestrator off its own thread.
            timerCancellation.Cancel();
            wake = context.WaitForExternalEvent<string>(IncidentWorkflow.WakeUp);
        }
    }

    private async Task StopAsync(string activity, TaskFailureDetails failure)
    {
        var since = context.CurrentUtcDateTime;

        // The watchdog reads this to resume a stop nobody resumed; the flag below is what staff see.
        context.SetCustomStatus(new WorkflowStalled(activity, since));
        try
        {
            await context.CallActivityAsync<bool>(
                FlagStalledStep.Name,
                new StalledStep(state.IncidentId, activity, failure.ErrorType, failure.ErrorMessage, retry.MaxAttempts, since),
                retry.ToTaskOptions());
        }
        catch (TaskFailedException)
        {
            // Storage is failing too: the custom status still tells the watchdog, which resumes the step.
        }

        await wake;
        wake = context.WaitForExternalEvent<string>(IncidentWorkflow.WakeUp);
        context.SetCustomStatus(null);
    }
}

/// <summary>The orchestration's custom status while a step waits to be resumed after its attempts ran out.</summary>
/// <param name="Step">The activity that failed.</param>
/// <param name="Since">When the workflow stopped.</param>
public sealed record WorkflowStalled(string Step, DateTime Since);
