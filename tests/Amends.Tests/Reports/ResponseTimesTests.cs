using Amends.Incidents;
using Amends.Reports;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Reports;

/// <summary>
/// The response-times report on real Table Storage: each closed incident moves its month's row once,
/// even when its closing step runs twice; averages and resolve-time buckets come out of the row.
/// </summary>
public sealed class ResponseTimesTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset November = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_closed_incident_counts_once_in_its_month_with_averages_and_buckets()
    {
        using var amends = new AmendsTestServices(azurite);
        await using var services = await amends.BuildAsync(cancellationToken: Cancellation);
        var times = services.GetRequiredService<ResponseTimes>();

        var quick = new ResponseTime("AMD-QUICK001", November, TimeSpan.FromMinutes(2), TimeSpan.FromHours(20), SilenceUpdates: 0);
        await times.RecordAsync(quick, Cancellation);
        await times.RecordAsync(quick, Cancellation);
        await times.RecordAsync(new ResponseTime("AMD-SLOW0001", November.AddDays(2), TimeSpan.FromMinutes(4), TimeSpan.FromDays(16), SilenceUpdates: 2), Cancellation);
        await times.RecordAsync(new ResponseTime("AMD-UNRESLV1", November.AddDays(3), null, null, SilenceUpdates: 1), Cancellation);
        await times.RecordAsync(new ResponseTime("AMD-OCTOBER1", November.AddMonths(-1), TimeSpan.FromMinutes(10), TimeSpan.FromDays(5), SilenceUpdates: 0), Cancellation);

        var report = await times.ReportAsync(Cancellation);

        Assert.Equal(
            [
                new ResponseTimesRow("2026-10", 1, 10.0, 5.0, 0, new ResolvedWithin(0, 0, 1, 0, 0)),
                new ResponseTimesRow("2026-11", 3, 3.0, 8.42, 3, new ResolvedWithin(1, 0, 0, 0, 1)),
            ],
            report.Rows);
        Assert.Equal(
            "month,closed,averageMinutesToAcknowledge,averageDaysToResolve,silenceUpdates,resolvedWithin1Day,resolvedWithin3Days,resolvedWithin7Days,resolvedWithin14Days,resolvedLater\n"
            + "2026-10,1,10,5,0,0,0,1,0,0\n2026-11,3,3,8.42,3,1,0,0,0,1\n",
            report.ToCsv());
    }

    [Fact]
    public async Task Many_incidents_closing_at_once_are_all_counted()
    {
        using var amends = new AmendsTestServices(azurite);
        await using var services = await amends.BuildAsync(cancellationToken: Cancellation);
        var times = services.GetRequiredService<ResponseTimes>();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            times.RecordAsync(new ResponseTime($"AMD-RACE{i:D4}", November, TimeSpan.FromMinutes(1), TimeSpan.FromDays(2), SilenceUpdates: 1), Cancellation)));

        var month = Assert.Single((await times.ReportAsync(Cancellation)).Rows);
        Assert.Equal((12, 12, new ResolvedWithin(0, 12, 0, 0, 0)), (month.Closed, month.SilenceUpdates, month.ResolvedWithin));
    }

    [Fact]
    public void The_figures_of_an_incident_come_from_its_timeline()
    {
        var incident = IncidentBuilder.Reported(November) with { ResolvedAt = November.AddDays(2) };
        TimelineEntry Entry(TimelineEntryKind kind, TimeSpan after) => new($"e{after.Ticks}", kind, November + after, null, "amends", CustomerFacing: true, Delivered: true);

        var time = ResponseTimes.Of(
            incident,
            [Entry(TimelineEntryKind.Reported, TimeSpan.Zero), Entry(TimelineEntryKind.Acknowledged, TimeSpan.FromSeconds(40)),
             Entry(TimelineEntryKind.SilenceUpdate, TimeSpan.FromDays(1)), Entry(TimelineEntryKind.SilenceUpdate, TimeSpan.FromDays(1.5))],
            November.AddDays(3));

        Assert.Equal(new ResponseTime(incident.Id, November.AddDays(3), TimeSpan.FromSeconds(40), TimeSpan.FromDays(2), 2), time);
    }
}
