using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amends.Api;
using Amends.Incidents;
using Amends.Ledger;
using Amends.Reports;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Resolve;

/// <summary>Staff set the product of an incident over HTTP; its recorded costs follow; bad input names the field.</summary>
public sealed class ProductSkuApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Emailed = "AMD-SKU00001";
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await AmendsApiHost.StartAsync(azurite);
        await host.SeedAsync(Emailed, "ola@example.no", "Ola Nordmann", "nb", "#1002");
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Setting_the_product_moves_the_recorded_costs_to_it()
    {
        using var chosen = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{Emailed}/resolution", new { type = "Replacement", replacementCost = 39.90m, shippingCost = 6.50m }, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, chosen.StatusCode);

        using var set = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{Emailed}/sku", new { sku = " TOASTER-SKU1 " }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var view = await host.IncidentAsync(Emailed);
        Assert.Equal("TOASTER-SKU1", view.Incident.Sku);
        Assert.Contains(view.Timeline, e => e.Kind == TimelineEntryKind.InternalNote && e.Text == "Product set to TOASTER-SKU1 (was KETTLE-01).");
        var lines = await host.Services.GetRequiredService<CostLedger>().ForIncidentAsync(Emailed, Cancellation);
        Assert.Equal([CostKind.Replacement, CostKind.Shipping], lines.Select(l => l.Kind));
        Assert.All(lines, l => Assert.Equal("TOASTER-SKU1", l.Sku));
        var bySku = (await host.Staff.GetFromJsonAsync<Report>("/api/v1/reports/sku", ApiJson.Options, Cancellation))!;
        Assert.Contains(new ReportRow("TOASTER-SKU1", 1, 46.40m, 0), bySku.Rows);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"sku":"  "}""")]
    [InlineData("""{"sku":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    public async Task A_missing_or_long_sku_is_a_400_naming_it(string json)
    {
        using var response = await host.Staff.PostAsync($"/api/v1/incidents/{Emailed}/sku", new StringContent(json, Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("sku", out _));
    }

    [Fact]
    public async Task An_unknown_incident_is_a_404_and_a_resolved_one_a_409()
    {
        using var unknown = await host.Staff.PostAsJsonAsync("/api/v1/incidents/AMD-NOSUCH00/sku", new { sku = "KETTLE-02" }, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var resolved = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{Emailed}/resolve", new { note = "Done." }, Cancellation);
        using var late = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{Emailed}/sku", new { sku = "KETTLE-02" }, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType!.MediaType);
        Assert.Equal("KETTLE-01", (await host.IncidentAsync(Emailed)).Incident.Sku);
    }
}
