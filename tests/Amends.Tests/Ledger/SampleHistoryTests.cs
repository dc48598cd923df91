using Amends.Ledger;
using Amends.Reports;
using Amends.Samples;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Ledger;

/// <summary>The sample store history, written through the ledger: every report adds up to the ledger's lines.</summary>
public sealed class SampleHistoryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Seed = 7;
    private const int Incidents = 120;
    private static readonly DateTimeOffset YearStart = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly AmendsTestServices amends = new(azurite);
    private ServiceProvider services = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => services = await amends.BuildAsync(cancellationToken: Cancellation);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        amends.Dispose();
    }

    [Fact]
    public void The_same_seed_gives_the_same_history()
    {
        var first = StoreHistory.Generate(Seed, Incidents, YearStart).SelectMany(h => h).ToList();
        var second = StoreHistory.Generate(Seed, Incidents, YearStart).SelectMany(h => h).ToList();

        Assert.Equal(first, second);
        Assert.Equal(7, first.Select(l => l.Category).Distinct().Count());
    }

    [Fact]
    public async Task Every_report_adds_up_to_the_sum_of_the_ledger_lines()
    {
        var history = StoreHistory.Generate(Seed, Incidents, YearStart);
        var lines = history.SelectMany(h => h).ToList();
        var reports = services.GetRequiredService<CostReports>();

        await StoreHistory.WriteAsync(services.GetRequiredService<CostLedger>(), history, writers: 4, cancellationToken: Cancellation);

        foreach (var dimension in Enum.GetValues<ReportDimension>())
        {
            var report = await reports.ReportAsync(dimension, Cancellation);
            var expected = lines.GroupBy(l => ReportChange.KeyOf(l, dimension))
                .Select(g => new ReportRow(g.Key, g.Select(l => l.IncidentId).Distinct().Count(), Gross(g), Income(g)))
                .OrderBy(r => r.Key, StringComparer.Ordinal);
            Assert.Equal(expected, report.Rows.OrderBy(r => r.Key, StringComparer.Ordinal));
            Assert.Equal(Gross(lines) - Income(lines), report.Rows.Sum(r => r.NetCost));
        }

        // What breaks: only breakage, never a return by choice, costliest net first.
        var top = await reports.TopBreakagesAsync(cancellationToken: Cancellation);
        var breakage = lines.Where(l => ReportChange.GroupOf(l) == ReportGroup.Breakage).ToList();
        var expectedTop = breakage.GroupBy(l => ReportChange.KeyOf(l, ReportDimension.Sku))
            .Select(g => new ReportRow(g.Key, g.Select(l => l.IncidentId).Distinct().Count(), Gross(g), Income(g)))
            .OrderByDescending(r => r.NetCost).ThenByDescending(r => r.Incidents).ThenBy(r => r.Key, StringComparer.Ordinal).Take(10);
        Assert.Equal(expectedTop, top.Rows);
        Assert.True(top.Rows.Zip(top.Rows.Skip(1)).All(p => p.First.NetCost >= p.Second.NetCost));

        // A range of months sums their month rows: the same as the ledger lines of those months.
        var range = new ReportRange("2026-02", "2026-04");
        var spring = lines.Where(l => range.Contains(ReportChange.MonthOf(l))).ToList();
        var byCarrier = await reports.ReportAsync(ReportDimension.Carrier, range, null, Cancellation);
        Assert.Equal(Gross(spring) - Income(spring), byCarrier.Rows.Sum(r => r.NetCost));
        Assert.Equal(
            spring.GroupBy(l => ReportChange.KeyOf(l, ReportDimension.Carrier)).Select(g => (g.Key, g.Select(l => (l.IncidentId, ReportChange.MonthOf(l))).Distinct().Count())).Order(),
            byCarrier.Rows.Select(r => (r.Key, r.Incidents)).Order());

        var stored = await services.GetRequiredService<CostLedger>().ForIncidentAsync(history[0][0].IncidentId, Cancellation);
        Assert.Equal(history[0].OrderBy(l => l.Kind), stored);
    }

    [Fact]
    public async Task The_response_times_report_adds_up_to_the_sample_times()
    {
        var times = StoreHistory.ResponseTimes(Seed, StoreHistory.Generate(Seed, Incidents, YearStart));
        var report = services.GetRequiredService<ResponseTimes>();

        await StoreHistory.WriteAsync(report, times, writers: 4, Cancellation);

        var rows = (await report.ReportAsync(Cancellation)).Rows;
        Assert.Equal(Incidents, rows.Sum(r => r.Closed));
        Assert.Equal(times.Sum(t => t.SilenceUpdates), rows.Sum(r => r.SilenceUpdates));
        Assert.Equal(times.Count(t => t.ToResolve <= TimeSpan.FromDays(1)), rows.Sum(r => r.ResolvedWithin.OneDay));
        Assert.Equal(times.Count(t => t.ToResolve > TimeSpan.FromDays(14)), rows.Sum(r => r.ResolvedWithin.Longer));
        var november = times.Where(t => t.ClosedAt.Month == 11 && t.ClosedAt.Year == 2026).ToList();
        Assert.Equal(
            Math.Round(november.Average(t => t.ToAcknowledge!.Value.TotalSeconds) / 60, 1),
            Assert.Single(rows, r => r.Month == "2026-11").AverageMinutesToAcknowledge);
    }

    private static decimal Gross(IEnumerable<CostLine> lines) => lines.Where(l => !l.Kind.IsIncome()).Sum(l => l.Amount);

    private static decimal Income(IEnumerable<CostLine> lines) => lines.Where(l => l.Kind.IsIncome()).Sum(l => l.Amount);
}
