using System.Globalization;
using Amends.Incidents;
using Amends.Storage;
using Amends.Workflow;
using Microsoft.Extensions.Options;

namespace Amends.Notifications;

/// <summary>
/// Warns staff <see cref="NotificationOptions.WarnBeforeSilenceUpdate"/> before the workflow writes to a silent
/// customer itself, so someone can write first. Run by the sweep; the notice is keyed by the last contact it
/// follows, so each silence period warns once however often the sweep runs.
/// </summary>
public sealed class SilenceWarnings(IncidentStore store, StaffNotices notices, IOptions<SilenceOptions> silence, IOptions<NotificationOptions> options, TimeProvider clock)
{
    private const int PageSize = 200;

    /// <summary>Writes a warning for every open incident whose automatic update is due within the warning time; returns how many were new.</summary>
    public async Task<int> WarnAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var limit = silence.Value.Limit;
        var warnedFrom = now - limit + options.Value.WarnBeforeSilenceUpdate;
        var warned = 0;
        string? continuation = null;
        do
        {
            var page = await store.ListAsync(
                new IncidentQuery(Status: IncidentStatus.Open, LastContactBefore: warnedFrom), continuation, PageSize, cancellationToken);
            foreach (var incident in page.Items)
            {
                var due = incident.LastCustomerContactAt + limit;

                // Already due: the update is going out now, and staff hear of that instead.
                if (due <= now)
                {
                    continue;
                }

                var eventId = string.Create(CultureInfo.InvariantCulture, $"silence-soon-{incident.LastCustomerContactAt.UtcTicks}");
                var detail = due.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
                warned += await notices.AddAsync(new StaffNotice(StaffNoticeKind.SilenceUpdateSoon, incident.Id, eventId, now, detail), cancellationToken) ? 1 : 0;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return warned;
    }
}
