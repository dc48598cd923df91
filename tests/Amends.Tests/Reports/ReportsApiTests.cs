using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amends.Api;
using Amends.Ledger;
using Amends.Reports;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Reports;

/// <summary>
/// The cost reports over the staff API: a resolution chosen over HTTP lands in the ledger and in every
/// report, read back as JSON or CSV; a dimension that is not one is a 400 naming the field.
/// </summary>
public sealed class ReportsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Kettle = "AMD-R3P0RT01";
    private const string Toaster = "AMD-R3P0RT02";
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await AmendsApiHost.StartAsync(azurite);
        await host.SeedAsync(Kettle, "giulia@example.it", "Giulia Rossi", "it", "#1001");
        await host.SeedAsync(Toaster, "ola@example.no", "Ola Nordmann", "nb", "#1002");
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task ChooseAsync(string id, object resolution)
    {
        using var response = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/resolution", resolution, ApiJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_chosen_resolution_is_in_the_ledger_and_the_reports_as_json_and_csv()
    {
        await ChooseAsync(Kettle, new { type = "SparePart", partCost = 4.50m, shippingCost = 6.90m, carrier = "GLS", trackingNumber = "JD1" });
        await ChooseAsync(Kettle, new { type = "SparePart", partCost = 4.50m, shippingCost = 6.90m, carrier = "GLS", trackingNumber = "JD1" });
        await ChooseAsync(Toaster, new { type = "Refund", refundAmount = 69.00m, carrier = "PostNord" });

        var lines = await host.Services.GetRequiredService<CostLedger>().ForIncidentAsync(Kettle, Cancellation);
        Assert.Equal([(CostKind.Part, 4.50m, "GLS"), (CostKind.Shipping, 6.90m, "GLS")], lines.Select(l => (l.Kind, l.Amount, l.Carrier!)));

        var byCarrier = (await host.Staff.GetFromJsonAsync<Report>("/api/v1/reports/carrier", ApiJson.Options, Cancellation))!;
        Assert.Equal("carrier", byCarrier.Dimension);
        Assert.Equal([new ReportRow("PostNord", 1, 69.00m, 0), new ReportRow("GLS", 1, 11.40m, 0)], byCarrier.Rows);
        Assert.Equal("EUR", byCarrier.Currency);

        using var csv = await host.Staff.GetAsync("/api/v1/reports/sku?format=csv", Cancellation);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("key,incidents,grossCost,income,netCost,currency\nKETTLE-01,2,80.40,0.00,80.40,EUR\n", await csv.Content.ReadAsStringAsync(Cancellation));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/responsibility");
        request.Headers.Accept.ParseAdd("text/csv");
        using var accepted = await host.Staff.SendAsync(request, Cancellation);
        Assert.Equal("key,incidents,grossCost,income,netCost,currency\nUnknown,2,80.40,0.00,80.40,EUR\n", await accepted.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task Top_breakages_are_the_ten_costliest_skus()
    {
        var reports = host.Services.GetRequiredService<CostReports>();
        await reports.ApplyAsync(
            Enumerable.Range(1, 12).Select(n => new ReportChange(ReportDimension.Sku, $"SKU-{n:D2}", n, n * 10m, Breakage: new CostFigures(n, n * 10m, 0))), Cancellation);

        var top = (await host.Staff.GetFromJsonAsync<Report>("/api/v1/reports/top-breakages", ApiJson.Options, Cancellation))!;

        Assert.Equal("top-breakages", top.Dimension);
        Assert.Equal(Enumerable.Range(3, 10).Reverse().Select(n => $"SKU-{n:D2}"), top.Rows.Select(r => r.Key));
        Assert.Equal(120m, top.Rows[0].NetCost);
        using var csv = await host.Staff.GetAsync("/api/v1/reports/top-breakages?format=csv", Cancellation);
        Assert.StartsWith("key,incidents,grossCost,income,netCost,currency\nSKU-12,12,120.00,0.00,120.00,EUR\n", await csv.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task An_unknown_dimension_is_a_problem_naming_the_field_and_reports_are_staff_only()
    {
        using var unknown = await host.Staff.GetAsync("/api/v1/reports/colour", Cancellation);
        using var anonymous = await host.Http.GetAsync("/api/v1/reports/sku", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("sku", problem.RootElement.GetProperty("errors").GetProperty("dimension")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Response_times_are_served_as_json_and_csv()
    {
        await host.Services.GetRequiredService<ResponseTimes>().RecordAsync(
            new ResponseTime(Kettle, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(3), TimeSpan.FromDays(2.5), SilenceUpdates: 1), Cancellation);

        var report = (await host.Staff.GetFromJsonAsync<ResponseTimesReport>("/api/v1/reports/response-times", ApiJson.Options, Cancellation))!;
        using var csv = await host.Staff.GetAsync("/api/v1/reports/response-times?format=csv", Cancellation);

        Assert.Equal([new ResponseTimesRow("2026-11", 1, 3.0, 2.5, 1, new ResolvedWithin(0, 1, 0, 0, 0))], report.Rows);
        Assert.EndsWith("\n2026-11,1,3,2.5,1,0,1,0,0,0\n", await csv.Content.ReadAsStringAsync(Cancellation));
    }
}
