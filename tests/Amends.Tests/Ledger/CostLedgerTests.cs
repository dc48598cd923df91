using Amends.Incidents;
using Amends.Ledger;
using Amends.Reports;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Ledger;

/// <summary>The cost ledger and the reports it keeps up to date, on real Table Storage (the assembly's Azurite).</summary>
public sealed class CostLedgerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset March = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    private readonly AmendsTestServices amends = new(azurite);
    private ServiceProvider services = null!;

    private CostLedger Ledger => services.GetRequiredService<CostLedger>();

    private CostReports Reports => services.GetRequiredService<CostReports>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => services = await amends.BuildAsync(cancellationToken: Cancellation);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        amends.Dispose();
    }

    private static Incident Kettle(string? id = null) => IncidentBuilder.Reported(March, id) with
    {
        Category = IncidentCategory.Defective,
        Responsibility = Responsibility.Store,
    };

    [Fact]
    public async Task Recording_the_same_line_twice_keeps_one_line_and_counts_it_once()
    {
        var incident = Kettle();
        var line = CostLine.Of(incident, CostKind.Part, 4.50m, March, "DHL");

        await Ledger.RecordAsync([line], Cancellation);
        await Ledger.RecordAsync([line with { Date = March.AddDays(3) }], Cancellation);

        var stored = Assert.Single(await Ledger.ForIncidentAsync(incident.Id, Cancellation));
        Assert.Equal(line, stored);
        Assert.Equal(new ReportRow("KETTLE-01", 1, 4.50m, 0), Assert.Single((await Reports.ReportAsync(ReportDimension.Sku, Cancellation)).Rows));
    }

    [Fact]
    public async Task An_incidents_lines_count_it_once_per_row_and_add_up_its_cost()
    {
        var incident = Kettle();

        await Ledger.RecordAsync(CostLine.ForResolution(incident, new Resolution(ResolutionType.SparePart, PartCost: 4.50m, ShippingCost: 6.90m, Carrier: "GLS"), March), Cancellation);

        Assert.Equal([CostKind.Part, CostKind.Shipping], (await Ledger.ForIncidentAsync(incident.Id, Cancellation)).Select(l => l.Kind));
        Assert.Equal(new ReportRow("Store", 1, 11.40m, 0), Assert.Single((await Reports.ReportAsync(ReportDimension.Responsibility, Cancellation)).Rows));
        Assert.Equal(new ReportRow("GLS", 1, 11.40m, 0), Assert.Single((await Reports.ReportAsync(ReportDimension.Carrier, Cancellation)).Rows));
        Assert.Equal(new ReportRow("2026-03", 1, 11.40m, 0), Assert.Single((await Reports.ReportAsync(ReportDimension.Month, Cancellation)).Rows));
    }

    [Fact]
    public async Task A_changed_resolution_replaces_the_lines_and_moves_the_reports()
    {
        var incident = Kettle();
        await Ledger.RecordAsync(CostLine.ForResolution(incident, new Resolution(ResolutionType.SparePart, PartCost: 4.50m, ShippingCost: 6.90m), March), Cancellation);

        var diagnosed = incident with { Responsibility = Responsibility.Carrier, Category = IncidentCategory.DamagedInTransit };
        await Ledger.RecordAsync(CostLine.ForResolution(diagnosed, new Resolution(ResolutionType.Replacement, ReplacementCost: 21.95m, ShippingCost: 6.90m), March), Cancellation);

        Assert.Equal([CostKind.Replacement, CostKind.Shipping], (await Ledger.ForIncidentAsync(incident.Id, Cancellation)).Select(l => l.Kind));
        Assert.Equal(new ReportRow("Carrier", 1, 28.85m, 0), Assert.Single((await Reports.ReportAsync(ReportDimension.Responsibility, Cancellation)).Rows));
        Assert.Equal(new ReportRow("KETTLE-01", 1, 28.85m, 0), Assert.Single((await Reports.ReportAsync(ReportDimension.Sku, Cancellation)).Rows));
    }

    [Fact]
    public async Task Concurrent_writers_on_the_same_report_rows_are_all_counted()
    {
        var incidents = Enumerable.Range(0, 16).Select(_ => Kettle()).ToList();

        await Parallel.ForEachAsync(incidents, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Cancellation }, async (incident, token) =>
            await Ledger.RecordAsync([CostLine.Of(incident, CostKind.Part, 2.25m, March, "DHL")], token));

        Assert.Equal(new ReportRow("KETTLE-01", 16, 36.00m, 0), Assert.Single((await Reports.ReportAsync(ReportDimension.Sku, Cancellation)).Rows));
        Assert.Equal(new ReportRow("DHL", 16, 36.00m, 0), Assert.Single((await Reports.ReportAsync(ReportDimension.Carrier, Cancellation)).Rows));
    }

    [Fact]
    public async Task Two_writers_of_the_same_incident_write_its_line_once()
    {
        var incident = Kettle();
        var line = CostLine.Of(incident, CostKind.Compensation, 6.90m, March);

        await Task.WhenAll(Ledger.RecordAsync([line], Cancellation), Ledger.RecordAsync([line], Cancellation));

        Assert.Single(await Ledger.ForIncidentAsync(incident.Id, Cancellation));
        Assert.Equal(new ReportRow("Store", 1, 6.90m, 0), Assert.Single((await Reports.ReportAsync(ReportDimension.Responsibility, Cancellation)).Rows));
    }
}
