using Amends.Incidents;
using Amends.Reports;
using Amends.Retention;
using Amends.Storage;
using Amends.Workflow;

namespace Amends.Close;

/// <summary>
/// Closes the incident: its response figures counted in the report (first, so a retried step still
/// counts them, once), then the final status and the last timeline entry, then the deletion of its
/// raw mail and photos once the retention period has passed (<see cref="ClosedIncidentFiles"/>).
/// </summary>
public sealed class Close(IncidentStore store, ResponseTimes responseTimes, ClosedIncidentFiles retention, TimeProvider clock) : IWorkflowStep<string, bool>
{
    /// <summary>The activity name.</summary>
    public const string Name = "Close";

    /// <inheritdoc />
    public async Task<bool> RunAsync(string input)
    {
        if (await store.FindAsync(input) is not { Value: var incident } || incident.Status == IncidentStatus.Closed)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        await responseTimes.RecordAsync(ResponseTimes.Of(incident, await store.TimelineAsync(input), now));
        await store.ChangeAsync(
            input,
            i => i with { Status = IncidentStatus.Closed, ClosedAt = now },
            [new TimelineEntry(store.NewEntryId(), TimelineEntryKind.Closed, now, "Incident closed.", "amends", CustomerFacing: false, Delivered: false)]);
        await retention.ScheduleAsync(input, now);
        return true;
    }
}
