using Amends.Incidents;
using Amends.Reports;
using Amends.Retention;
using Amends.Storage;
using Amends.Workflow;

namespace Amends.Close;

/// <summary>
/// Closes the incident: its response figures counted in the report and the deletion of its raw mail
/// and photos scheduled for when the retention period has passed (<see cref="ClosedIncidentFiles"/>),
/// first, so a retried step still does both, then the final status and the last timeline entry.
/// </summary>
public sealed class CloseIncident(IncidentStore store, ResponseTimes responseTimes, ClosedIncidentFiles retention, TimeProvider clock) : IWorkflowStep<string, bool>
{
    /// <summary>The activity name.</summary>
    public const string Name = "Close";

    /// <inheritdoc />
    public async Task<bool> RunAsync(string input)
    {
        if (await store.FindAsync(input) is not { Value: var incident })
        {
            return false;
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            // A retry after the close was written but its answer lost: the queue's rows may not say so yet.
            await store.ReindexAsync(incident);
            return false;
        }

        var now = clock.GetUtcNow();
        await responseTimes.RecordAsync(ResponseTimes.Of(incident, await store.TimelineAsync(input), now));

        // Before the status changes, as the figures: a retry finds the incident closed and stops early.
        await retention.ScheduleAsync(input, now);
        await store.ChangeAsync(
            input,
            i => i with { Status = IncidentStatus.Closed, ClosedAt = now },
            [new TimelineEntry(store.NewEntryId(), TimelineEntryKind.Closed, now, "Incident closed.", "amends", CustomerFacing: false, Delivered: false)]);
        return true;
    }
}
