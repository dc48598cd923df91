using Amends.Claims;
using Amends.Incidents;
using Amends.Notifications;
using Amends.Orders;
using Amends.Resolve;
using Amends.Retention;
using Amends.SpareParts;
using Amends.Storage;
using Amends.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Silence;

/// <summary>
/// The sweep (hourly by default, on both hosts): over the open incidents, counts those that need staff
/// attention and wakes the workflow of any incident whose customer has been silent past the limit; then the
/// <see cref="Watchdog"/>, which gets every incident not closed whose workflow failed, vanished, stopped or
/// stuck moving again. A safety net under the workflow; it never emails anyone itself. It also counts the spare parts that have run below their reorder level, and deletes the raw
/// mail and photos of incidents closed longer ago than the retention period (noted on their timelines), and
/// flags the incidents whose carrier claim is still to file as its deadline nears (<see cref="CarrierClaims.RemindAsync"/>),
/// and warns staff of automatic updates due soon (<see cref="Notifications.SilenceWarnings"/>), and asks the store again
/// for the orders it could not give at intake (<see cref="OrderReading.RetryDueAsync"/>).
/// </summary>
public sealed class AttentionSweep(
    IncidentStore store, StaffActions actions, SpareStock stock, Watchdog watchdog, ClosedIncidentFiles retention, IOptions<SilenceOptions> silence, TimeProvider clock, CarrierClaims claims,
    SilenceWarnings warnings, OrderReading orders)
{
    private const int PageSize = 200;

    /// <summary>Sweeps every open incident once, then runs the watchdog and the rest.</summary>
    public async Task<SweepReport> RunAsync(DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        // The silent customers first: the watchdog reads every workflow, which on a busy hub takes longer than a
        // tick, and the promise is limit + one tick. A wake restarts a workflow that failed or vanished, too.
        int open = 0, needingAttention = 0, woken = 0;
        var overdueBefore = clock.GetUtcNow() - silence.Value.Limit;
        string? continuation = null;
        do
        {
            var page = await store.ListAsync(new IncidentQuery(Status: IncidentStatus.Open), continuation, PageSize, cancellationToken);
            open += page.Items.Count;
            needingAttention += page.Items.Count(s => s.NeedsAttention);
            foreach (var summary in page.Items.Where(s => s.LastCustomerContactAt < overdueBefore))
            {
                // One at a time: an engine behind its timers gets more work from each wake, not less.
                await actions.WakeAsync(summary.Id, "sweep", workflows, cancellationToken);
                woken++;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        var watched = await watchdog.RunAsync(workflows, cancellationToken);
        await retention.ApplyAsync(cancellationToken);
        var reminded = await claims.RemindAsync(cancellationToken);
        var warned = await warnings.WarnAsync(cancellationToken);
        var lookups = await orders.RetryDueAsync(cancellationToken);
        return new SweepReport(open, needingAttention, woken, await stock.CountLowStockAsync(cancellationToken), watched, reminded, warned, lookups);
    }
}

/// <summary>What the sweep found.</summary>
/// <param name="Open">Open incidents seen.</param>
/// <param name="NeedingAttention">Of those, flagged for staff.</param>
/// <param name="Woken">Workflows woken (or restarted) because the customer was silent past the limit.</param>
/// <param name="LowStockParts">Spare parts with fewer on the shelf than their reorder level.</param>
/// <param name="Watchdog">What the watchdog did first.</param>
/// <param name="ClaimReminders">Carrier claims whose deadline is near, flagged to staff this time.</param>
/// <param name="SilenceWarnings">Staff warned this time that an automatic update goes out soon.</param>
/// <param name="OrderLookups">Orders asked of the store again, for incidents whose lookup was waiting.</param>
public sealed record SweepReport(int Open, int NeedingAttention, int Woken, int LowStockParts = 0, WatchdogReport? Watchdog = null, int ClaimReminders = 0, int SilenceWarnings = 0, int OrderLookups = 0);
