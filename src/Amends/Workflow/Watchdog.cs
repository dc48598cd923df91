using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Amends.Incidents;
using Amends.Intake;
using Amends.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amends.Workflow;

/// <summary>
/// Part of the sweep: looks at every incident not yet closed and at its orchestration, and gets each
/// one moving again from storage's truth. A workflow that failed, was terminated, ended without
/// closing the incident or is missing is started again (the steps are idempotent and the
/// acknowledgement is read from the timeline, so nothing is emailed twice); one whose step stopped
/// after its attempts ran out, and nobody resumed it, is resumed; a resolved incident left unclosed
/// is woken, and ended to be started again if the wake does not close it. Each such act is noted on
/// the incident's timeline.
/// </summary>
public sealed partial class Watchdog(
    IncidentStore store, IncidentIntake intake, IOptions<WatchdogOptions> options, TimeProvider clock, ILogger<Watchdog> logger)
{
    private const int PageSize = 200;
    private const string Woken = "woken";

    /// <summary>Checks every open or resolved incident once.</summary>
    public async Task<WatchdogReport> RunAsync(DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        var report = new WatchdogReport(0, 0, 0, 0);
        foreach (var status in (IncidentStatus[])[IncidentStatus.Open, IncidentStatus.Resolved])
        {
            string? continuation = null;
            do
            {
                var page = await store.ListAsync(new IncidentQuery(Status: status), continuation, PageSize, cancellationToken);
                foreach (var summary in page.Items)
                {
                    WatchdogAct act;
                    try
                    {
                        act = await CheckAsync(summary.Id, workflows, summary.Status, cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One incident's storage blip must not stop the round: it is looked at again next time.
                        LogCheckFailed(logger, summary.Id, e.GetType().Name);
                        act = WatchdogAct.None;
                    }

                    report = report with
                    {
                        Checked = report.Checked + 1,
                        Restarted = report.Restarted + (act == WatchdogAct.Restarted ? 1 : 0),
                        Resumed = report.Resumed + (act == WatchdogAct.Resumed ? 1 : 0),
                        Woken = report.Woken + (act == WatchdogAct.Woken ? 1 : 0),
                    };
                }

                continuation = page.ContinuationToken;
            }
            while (continuation is not null);
        }

        return report;
    }

    /// <summary>Checks one incident and its orchestration, and acts when the workflow is not moving.</summary>
    public Task<WatchdogAct> CheckAsync(string id, DurableTaskClient workflows, CancellationToken cancellationToken = default) =>
        CheckAsync(id, workflows, listedAs: null, cancellationToken);

    /// <summary>Checks one incident, listed by the queue under <paramref name="listedAs"/> (null: not from the queue).</summary>
    private async Task<WatchdogAct> CheckAsync(string id, DurableTaskClient workflows, IncidentStatus? listedAs, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return WatchdogAct.None;
        }

        if (listedAs is not null && listedAs != incident.Status)
        {
            // The queue's rows lag behind a change whose re-index failed after it was stored.
            await store.ReindexAsync(incident, cancellationToken: cancellationToken);
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            return WatchdogAct.None;
        }

        var now = clock.GetUtcNow();
        var settings = options.Value;
        var instance = await workflows.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        // A new incident's intake may still be starting its workflow (or its sender retrying): give it time.
        if (instance is null && now - incident.CreatedAt < settings.StuckAfter)
        {
            return WatchdogAct.None;
        }

        if (instance is null || instance.IsCompleted)
        {
            var was = instance is null ? "missing" : instance.RuntimeStatus.ToString().ToLowerInvariant();
            if (await intake.RestartWorkflowAsync(id, workflows, cancellationToken))
            {
                await NoteAsync(id, now, "restarted", $"The workflow was {was} while the incident is {incident.Status}: started again from storage by the watchdog.", cancellationToken);
                LogActed(logger, id, "restarted", was);
                return WatchdogAct.Restarted;
            }

            return WatchdogAct.None;
        }

        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending && now - instance.LastUpdatedAt > settings.StuckAfter)
        {
            // Never picked up: ended here and started again from storage by the next sweep.
            await workflows.TerminateInstanceAsync(id, "Pending past the watchdog's limit.", cancellationToken);
            await NoteAsync(id, now, "terminated", "The workflow never started: the watchdog ended it, and starts it again at its next round.", cancellationToken);
            LogActed(logger, id, "terminated", "pending");
            return WatchdogAct.Restarted;
        }

        if (instance.SerializedCustomStatus is { Length: > 0 } && instance.ReadCustomStatusAs<WorkflowStalled>() is { } stalled)
        {
            if (now - new DateTimeOffset(stalled.Since, TimeSpan.Zero) <= settings.ResumeStalledAfter)
            {
                return WatchdogAct.None;
            }

            await NoteAsync(id, now, "resumed", string.Create(CultureInfo.InvariantCulture,
                $"Step {stalled.Step} waited since {stalled.Since:u} and nobody resumed it: the watchdog resumed it."), cancellationToken);
            await workflows.RaiseEventAsync(id, IncidentWorkflow.WakeUp, "watchdog", cancellationToken);
            LogActed(logger, id, "resumed", stalled.Step);
            return WatchdogAct.Resumed;
        }

        if (incident.Status == IncidentStatus.Resolved && now - (incident.ResolvedAt ?? incident.CreatedAt) > settings.StuckAfter)
        {
            return await WakeOrEndAsync(id, instance, workflows, now, settings.StuckAfter, cancellationToken);
        }

        return WatchdogAct.None;
    }

    /// <summary>
    /// Resolved long ago and not closed. The wake-up may have been lost, or a step is slow: the workflow is woken
    /// (harmless) once. If it is still not closed <paramref name="stuckAfter"/> after that, it is not answering
    /// events, as when it waits for a step whose result the engine lost in a crash: it is ended, and the next
    /// round starts it again from storage.
    /// </summary>
    private async Task<WatchdogAct> WakeOrEndAsync(
        string id, OrchestrationMetadata instance, DurableTaskClient workflows, DateTimeOffset now, TimeSpan stuckAfter, CancellationToken cancellationToken)
    {
        var woken = (await store.TimelineAsync(id, cancellationToken))
            .Where(e => e.Id.EndsWith(NoteStep(Woken), StringComparison.Ordinal) && e.At >= instance.CreatedAt)
            .Select(e => (DateTimeOffset?)e.At)
            .Max();
        if (woken is null)
        {
            await NoteAsync(id, now, Woken, "Resolved and not closed past the watchdog's limit: the watchdog woke the workflow.", cancellationToken);
            await workflows.RaiseEventAsync(id, IncidentWorkflow.WakeUp, "watchdog", cancellationToken);
            LogActed(logger, id, Woken, "resolved, not closed");
            return WatchdogAct.Woken;
        }

        if (now - woken.Value <= stuckAfter)
        {
            return WatchdogAct.None;
        }

        await workflows.TerminateInstanceAsync(id, "Woken by the watchdog and still not closed.", cancellationToken);
        await NoteAsync(id, now, "terminated", "Woken and still not closed past the watchdog's limit: the watchdog ended the workflow, and starts it again from storage at its next round.", cancellationToken);
        LogActed(logger, id, "terminated", "woken, not closed");
        return WatchdogAct.Restarted;
    }

    private async Task NoteAsync(string id, DateTimeOffset at, string act, string text, CancellationToken cancellationToken) =>
        await store.AppendAsync(id, new TimelineEntry(IncidentStore.StepEntryId(at, NoteStep(act)), TimelineEntryKind.InternalNote, at, text, "amends",
            CustomerFacing: false, Delivered: false), cancellationToken);

    private static string NoteStep(string act) => "watchdog-" + act;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watchdog: could not check incident {IncidentId} ({ErrorType}); it is checked again next round.")]
    private static partial void LogCheckFailed(ILogger logger, string incidentId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watchdog: incident {IncidentId} {Act} ({Why}).")]
    private static partial void LogActed(ILogger logger, string incidentId, string act, string why);
}

/// <summary>What the watchdog did to one incident's workflow.</summary>
public enum WatchdogAct
{
    /// <summary>Nothing: the workflow is moving, or waiting as it should.</summary>
    None,

    /// <summary>Started again from storage (or ended, to be started again at the next round).</summary>
    Restarted,

    /// <summary>A stopped step was resumed.</summary>
    Resumed,

    /// <summary>A resolved incident's workflow was woken.</summary>
    Woken,
}

/// <summary>What one round of the watchdog found and did.</summary>
/// <param name="Checked">Incidents not closed that were checked.</param>
/// <param name="Restarted">Workflows started again (or ended, to be started again).</param>
/// <param name="Resumed">Stopped steps resumed.</param>
/// <param name="Woken">Resolved incidents' workflows woken.</param>
public sealed record WatchdogReport(int Checked, int Restarted, int Resumed, int Woken);

/// <summary>When the watchdog steps in. Bound from <c>Amends:Workflow:Watchdog</c>.</summary>
public sealed class WatchdogOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Workflow:Watchdog";

    /// <summary>How long a step whose attempts ran out waits for staff before the watchdog resumes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan ResumeStalledAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a resolved incident may stay unclosed, a workflow stay pending, or a new incident be without a
    /// workflow (its intake may still be starting it), before the watchdog steps in.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromHours(1);
}
