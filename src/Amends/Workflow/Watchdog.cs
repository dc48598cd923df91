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
/// is woken. Each such act is noted on the incident's timeline.
/// </summary>
public sealed partial class Watchdog(
    IncidentStore store, IncidentIntake intake, IOptions<WatchdogOptions> options, TimeProvider clock, ILogger<Watchdog> logger)
{
    private const int PageSize = 200;

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
                        act = await CheckAsync(summary.Id, workflows, cancellationToken);
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
    public async Task<WatchdogAct> CheckAsync(string id, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return WatchdogAct.None;
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            // Listed as not closed: the queue's rows lag behind a close whose re-index failed.
            await store.ReindexAsync(incident, cancellationToken: cancellationToken);
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
            // Resolved long ago and not closed: the wake-up was lost, or a step is slow; waking it is harmless.
            await NoteAsync(id, now, "woken", "Resolved and not closed past the watchdog's limit: the watchdog woke the workflow.", cancellationToken);
            await workflows.RaiseEventAsync(id, IncidentWorkflow.WakeUp, "watchdog", cancellationToken);
            LogActed(logger, id, "woken", "resolved, not closed");
            return WatchdogAct.Woken;
        }

        return WatchdogAct.None;
    }

    private async Task NoteAsync(string id, DateTimeOffset at, string act, string text, CancellationToken cancellationToken) =>
        await store.AppendAsync(id, new TimelineEntry(IncidentStore.StepEntryId(at, "watchdog-" + act), TimelineEntryKind.InternalNote, at, text, "amends",
            CustomerFacing: false, Delivered: false), cancellationToken);

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
