using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amends.Api;
using Amends.Compensate;
using Amends.Incidents;
using Amends.Ledger;
using Amends.Reports;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Reports;

/// <summary>
/// The reports tell the truth about money: income (restocking fees, recovered goods, carrier recoveries)
/// brings the net cost down beside the gross; a range of months sums those months; what broke is kept
/// apart from what customers sent back by choice; a redeemed code's discount is its incident's cost, once.
/// </summary>
public sealed class NetCostReportsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset January = new(2026, 1, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March = new(2026, 3, 5, 10, 0, 0, TimeSpan.Zero);
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private CostLedger Ledger => host.Services.GetRequiredService<CostLedger>();

    public async ValueTask InitializeAsync() => host = await AmendsApiHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private static CostLine Line(string incident, CostKind kind, decimal amount, DateTimeOffset date, string sku = "KETTLE-01",
        IncidentCategory category = IncidentCategory.Defective, Responsibility responsibility = Responsibility.Store, string carrier = "GLS") =>
        new(incident, kind, amount, sku, category, responsibility, carrier, date);

    private async Task<Report> GetAsync(string path) => (await host.Staff.GetFromJsonAsync<Report>(path, ApiJson.Options, Cancellation))!;

    [Fact]
    public async Task Income_brings_the_net_cost_down_beside_the_gross()
    {
        // A changed mind: 120.00 refunded, 6.50 label; 12.00 restocking fee kept, the item resold for 70.00.
        await Ledger.RecordAsync(
        [
            Line("AMD-NET00001", CostKind.Refund, 120.00m, March, category: IncidentCategory.ChangedMind, responsibility: Responsibility.Customer),
            Line("AMD-NET00001", CostKind.ReturnLabel, 6.50m, March, category: IncidentCategory.ChangedMind, responsibility: Responsibility.Customer),
            Line("AMD-NET00001", CostKind.RestockingFee, 12.00m, March, category: IncidentCategory.ChangedMind, responsibility: Responsibility.Customer),
            Line("AMD-NET00001", CostKind.RecoveredGoods, 70.00m, March, category: IncidentCategory.ChangedMind, responsibility: Responsibility.Customer),
        ], Cancellation);
        // The carrier broke one and paid 30.00 of the 45.00 replacement back.
        await Ledger.RecordAsync(
        [
            Line("AMD-NET00002", CostKind.Replacement, 45.00m, March, category: IncidentCategory.DamagedInTransit, responsibility: Responsibility.Carrier),
            Line("AMD-NET00002", CostKind.CarrierRecovery, 30.00m, March, category: IncidentCategory.DamagedInTransit, responsibility: Responsibility.Carrier),
        ], Cancellation);

        var byCategory = await GetAsync("/api/v1/reports/category");
        var bySku = await GetAsync("/api/v1/reports/sku");

        Assert.Equal([new ReportRow("ChangedMind", 1, 126.50m, 82.00m), new ReportRow("DamagedInTransit", 1, 45.00m, 30.00m)], byCategory.Rows);
        Assert.Equal([44.50m, 15.00m], byCategory.Rows.Select(r => r.NetCost));
        Assert.Equal(new ReportRow("KETTLE-01", 2, 171.50m, 112.00m), Assert.Single(bySku.Rows));
        using var csv = await host.Staff.GetAsync("/api/v1/reports/category?format=csv", Cancellation);
        Assert.Equal(
            "key,incidents,grossCost,income,netCost,currency\nChangedMind,1,126.50,82.00,44.50,EUR\nDamagedInTransit,1,45.00,30.00,15.00,EUR\n",
            await csv.Content.ReadAsStringAsync(Cancellation));
        using var json = JsonDocument.Parse(await host.Staff.GetStringAsync("/api/v1/reports/category", Cancellation));
        Assert.Equal(44.50m, json.RootElement.GetProperty("rows")[0].GetProperty("netCost").GetDecimal());
    }

    [Fact]
    public async Task A_changed_mind_never_ranks_as_breakage()
    {
        await Ledger.RecordAsync([Line("AMD-NET00003", CostKind.Refund, 300.00m, March, sku: "SOFA-01", category: IncidentCategory.ChangedMind, responsibility: Responsibility.Customer)], Cancellation);
        await Ledger.RecordAsync([Line("AMD-NET00004", CostKind.Refund, 40.00m, March, sku: "LAMP-02", category: IncidentCategory.WrongItem, responsibility: Responsibility.Customer)], Cancellation);
        await Ledger.RecordAsync([Line("AMD-NET00005", CostKind.Part, 4.50m, March, sku: "KETTLE-01")], Cancellation);
        await Ledger.RecordAsync([Line("AMD-NET00006", CostKind.Replacement, 20.00m, March, sku: "LAMP-02", category: IncidentCategory.WrongItem)], Cancellation);

        var top = await GetAsync("/api/v1/reports/top-breakages");
        var groups = await GetAsync("/api/v1/reports/group");
        var byChoice = await GetAsync("/api/v1/reports/sku?group=byChoice");

        Assert.Equal([("LAMP-02", 20.00m), ("KETTLE-01", 4.50m)], top.Rows.Select(r => (r.Key, r.NetCost)));
        Assert.Equal("breakage", top.Group);
        Assert.Equal([new ReportRow("byChoice", 2, 340.00m, 0), new ReportRow("breakage", 2, 24.50m, 0)], groups.Rows);
        Assert.Equal([new ReportRow("SOFA-01", 1, 300.00m, 0), new ReportRow("LAMP-02", 1, 40.00m, 0)], byChoice.Rows);
    }

    [Fact]
    public async Task A_range_of_months_sums_those_months_only()
    {
        await Ledger.RecordAsync([Line("AMD-NET00007", CostKind.Part, 10.00m, January), Line("AMD-NET00007", CostKind.Shipping, 5.00m, January)], Cancellation);
        await Ledger.RecordAsync([Line("AMD-NET00008", CostKind.Part, 7.00m, March)], Cancellation);
        // A cost that arose later counts in its own month.
        await Ledger.RecordAsync([Line("AMD-NET00007", CostKind.CarrierRecovery, 3.00m, March)], Cancellation);

        var january = await GetAsync("/api/v1/reports/sku?from=2026-01&to=2026-01");
        var spring = await GetAsync("/api/v1/reports/carrier?from=2026-02&to=2026-12");
        var sinceJanuary = await GetAsync("/api/v1/reports/carrier?from=2026-01");
        var months = await GetAsync("/api/v1/reports/month?to=2026-02");
        var top = await GetAsync("/api/v1/reports/top-breakages?from=2026-03");

        Assert.Equal([new ReportRow("KETTLE-01", 1, 15.00m, 0)], january.Rows);
        Assert.Equal(("2026-01", "2026-01"), (january.From, january.To));
        Assert.Equal([new ReportRow("GLS", 2, 7.00m, 3.00m)], spring.Rows);
        Assert.Equal([new ReportRow("GLS", 3, 22.00m, 3.00m)], sinceJanuary.Rows);
        Assert.Equal([new ReportRow("2026-01", 1, 15.00m, 0)], months.Rows);
        Assert.Equal([new ReportRow("KETTLE-01", 2, 7.00m, 3.00m)], top.Rows);
    }

    [Fact]
    public async Task Response_times_and_satisfaction_take_the_range_too()
    {
        var times = host.Services.GetRequiredService<ResponseTimes>();
        await times.RecordAsync(new ResponseTime("AMD-NET00011", January, TimeSpan.FromMinutes(2), TimeSpan.FromDays(1), 0), Cancellation);
        await times.RecordAsync(new ResponseTime("AMD-NET00012", March, TimeSpan.FromMinutes(4), TimeSpan.FromDays(2), 1), Cancellation);
        await host.Services.GetRequiredService<Amends.Satisfaction.SatisfactionSurvey>().AnswerAsync("AMD-NET00013", 4, null, false, "Giulia", "it", Cancellation);
        var thisMonth = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var march = (await host.Staff.GetFromJsonAsync<ResponseTimesReport>("/api/v1/reports/response-times?from=2026-02", ApiJson.Options, Cancellation))!;
        var now = (await host.Staff.GetFromJsonAsync<Amends.Satisfaction.SatisfactionReport>($"/api/v1/reports/satisfaction?from={thisMonth}&to={thisMonth}", ApiJson.Options, Cancellation))!;
        var before = (await host.Staff.GetFromJsonAsync<Amends.Satisfaction.SatisfactionReport>("/api/v1/reports/satisfaction?to=2025-12", ApiJson.Options, Cancellation))!;

        Assert.Equal(["2026-03"], march.Rows.Select(r => r.Month));
        Assert.Equal((1, 4.00m), (now.Responses, now.Average));
        Assert.Equal(0, before.Responses);
    }

    [Fact]
    public async Task The_settings_name_the_stores_currency()
    {
        var settings = await host.Staff.GetFromJsonAsync<StoreSettings>("/api/v1/settings", ApiJson.Options, Cancellation);

        Assert.Equal("EUR", settings!.Currency);
    }

    [Theory]
    [InlineData("/api/v1/reports/sku?from=2026-13", "from")]
    [InlineData("/api/v1/reports/sku?to=March", "to")]
    [InlineData("/api/v1/reports/sku?from=2026-03-01", "from")]
    [InlineData("/api/v1/reports/carrier?from=2026-05&to=2026-04", "from")]
    [InlineData("/api/v1/reports/top-breakages?from=2026-05&to=2026-04", "from")]
    [InlineData("/api/v1/reports/response-times?to=x", "to")]
    [InlineData("/api/v1/reports/satisfaction?from=1", "from")]
    [InlineData("/api/v1/reports/sku?group=returns", "group")]
    public async Task A_malformed_range_or_group_is_a_400_naming_the_field(string path, string field)
    {
        using var response = await host.Staff.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{path} names {field}");
    }

    [Fact]
    public async Task A_redeemed_code_records_its_discount_as_the_incidents_cost_once()
    {
        await host.SeedAsync("AMD-NET00009", "giulia@example.it", "Giulia Rossi", "it", "#1009");
        var issued = await host.Services.GetRequiredService<DiscountCodes>().IssueAsync("AMD-NET00009", 15, DateTimeOffset.UtcNow.AddDays(90), Cancellation);

        using var first = await host.Staff.PostAsJsonAsync($"/api/v1/discount-codes/{issued.Code}/redeem", new { orderNumber = "2001", discount = 13.35m }, Cancellation);
        using var retried = await host.Staff.PostAsJsonAsync($"/api/v1/discount-codes/{issued.Code}/redeem", new { orderNumber = "2001", discount = 13.35m }, Cancellation);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retried.StatusCode));
        Assert.Equal(13.35m, (await first.Content.ReadFromJsonAsync<DiscountCodeView>(ApiJson.Options, Cancellation))!.Discount);
        var line = Assert.Single(await Ledger.ForIncidentAsync("AMD-NET00009", Cancellation));
        Assert.Equal((CostKind.DiscountRedeemed, 13.35m), (line.Kind, line.Amount));
        Assert.Equal(13.35m, Assert.Single((await GetAsync("/api/v1/reports/responsibility")).Rows).GrossCost);
    }

    [Fact]
    public async Task A_negative_discount_is_a_400_and_redeems_nothing()
    {
        await host.SeedAsync("AMD-NET00010", "giulia@example.it", "Giulia Rossi", "it", "#1010");
        var issued = await host.Services.GetRequiredService<DiscountCodes>().IssueAsync("AMD-NET00010", 15, DateTimeOffset.UtcNow.AddDays(90), Cancellation);

        using var response = await host.Staff.PostAsJsonAsync($"/api/v1/discount-codes/{issued.Code}/redeem", new { orderNumber = "2002", discount = -5m }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("discount", out _));
        Assert.False((await host.Services.GetRequiredService<DiscountCodes>().FindAsync(issued.Code, Cancellation))!.Redeemed);
        Assert.Empty(await Ledger.ForIncidentAsync("AMD-NET00010", Cancellation));
    }

    [Fact]
    public async Task Report_rows_written_before_income_and_groups_still_read()
    {
        var table = host.Services.GetRequiredService<global::Amends.Storage.StorageAccount>().Table("CostReports");
        await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("sku", "T0xELTAx") { ["Key"] = "OLD-01", ["Incidents"] = 3, ["TotalCost"] = "42.5" }, cancellationToken: Cancellation);

        var bySku = await GetAsync("/api/v1/reports/sku");
        var other = await GetAsync("/api/v1/reports/sku?group=other");

        Assert.Equal([new ReportRow("OLD-01", 3, 42.50m, 0)], bySku.Rows);
        Assert.Equal(bySku.Rows, other.Rows);
        Assert.Empty((await GetAsync("/api/v1/reports/top-breakages")).Rows);
    }
}
