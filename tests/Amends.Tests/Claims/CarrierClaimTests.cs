using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amends.Api;
using Amends.Claims;
using Amends.Ledger;
using Amends.Silence;
using Amends.Tests.Fixtures;
using ImageMagick;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Claims;

/// <summary>
/// A parcel the carrier damaged, over HTTP on Azurite with the real workflow: the diagnosis opens one
/// claim; staff complete it, download its pack, file it, and the carrier's payment becomes a recovery in
/// the ledger; the sweep reminds staff before the carrier's deadline, once; steps out of order and bad
/// amounts are refused with problem+json, nothing changed.
/// </summary>
public sealed class CarrierClaimTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        host = await AmendsApiHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Amends:Claims:DefaultDeadlineDays"] = "30",
            ["Amends:Claims:Deadlines:BRT"] = "10",
            ["Amends:Claims:ReminderLead"] = "2.00:00:00",
        });

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_carrier_damaged_parcel_gets_one_claim_a_pack_with_its_photos_and_its_payment_booked_as_recovery()
    {
        const string id = "AMD-CLAIM001";
        await host.SeedAsync(id, "giulia@example.it", "Giulia Rossi", "it", "#3001");
        await UploadAsync(id, ("handle.jpg", "image/jpeg", Picture(MagickFormat.Jpeg, 320, 240)), ("box.png", "image/png", Picture(MagickFormat.Png, 200, 300)));

        // Diagnosed as the carrier's twice (and the claim route called too): one claim, one "opened" note.
        await DiagnoseAsync(id, "Carrier");
        await DiagnoseAsync(id, "Carrier");
        using (var again = await host.Staff.PostAsync($"/api/v1/incidents/{id}/claim", null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Single((await host.IncidentAsync(id)).Timeline, e => e.Text?.StartsWith("Carrier claim opened", StringComparison.Ordinal) == true);

        using var chosen = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/resolution",
            new { type = "Replacement", replacementCost = 39.90m, shippingCost = 6.50m, carrier = "BRT" }, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, chosen.StatusCode);
        var delivered = DateTimeOffset.UtcNow.AddDays(-2);
        var claim = await ClaimAsync(host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/claim", new { trackingNumber = "BRT-ORIG-77", shipping = 5.90m, deliveredAt = delivered }, Cancellation));

        Assert.Equal(("BRT", "BRT-ORIG-77", ClaimStatus.Open), (claim.Carrier, claim.TrackingNumber, claim.Status));
        Assert.Equal((39.90m, 5.90m, 6.50m, 52.30m), (claim.Goods, claim.Shipping, claim.ReplacementShipping, claim.ClaimedAmount));
        Assert.Equal(delivered.AddDays(10), claim.Deadline, TimeSpan.FromSeconds(1));

        using var pack = await host.Staff.GetAsync($"/api/v1/incidents/{id}/claim/pack", Cancellation);
        Assert.Equal(HttpStatusCode.OK, pack.StatusCode);
        Assert.Equal("application/pdf", pack.Content.Headers.ContentType!.MediaType);
        var pdf = await pack.Content.ReadAsByteArrayAsync(Cancellation);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        if (ClaimPdf.CanRead)
        {
            var text = await ClaimPdf.TextAsync(pdf, Cancellation);
            foreach (var expected in new[] { id, "#3001", "BRT-ORIG-77", "Damaged in transit", "39.90", "5.90", "6.50", "52.30", "handle.jpg", "box.png" })
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }

            // Both photos on the page after the summary, at their stored size; the JPEG embedded as it was stored.
            var images = await ClaimPdf.ImagesAsync(pdf, Cancellation);
            Assert.Equal([(2, 200, 300, "image"), (2, 320, 240, "jpeg")], images.Order());
        }

        // Out of order and bad amounts: refused, nothing changed.
        await AssertProblemAsync(await StatusAsync(id, new { status = "Paid", amount = 40m }), HttpStatusCode.Conflict, field: null);
        await AssertProblemAsync(await StatusAsync(id, new { status = "Accepted" }), HttpStatusCode.Conflict, field: null);
        await AssertProblemAsync(await StatusAsync(id, new { status = "Paid", amount = -5m }), HttpStatusCode.BadRequest, "amount");
        await AssertProblemAsync(await StatusAsync(id, new { status = "Paid" }), HttpStatusCode.BadRequest, "amount");
        await AssertProblemAsync(await StatusAsync(id, new { status = "Open" }), HttpStatusCode.BadRequest, "status");
        await AssertProblemAsync(await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/claim", new { amount = -1m }, Cancellation), HttpStatusCode.BadRequest, "amount");
        await AssertProblemAsync(await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/claim", new { deliveredAt = DateTimeOffset.UtcNow.AddDays(3) }, Cancellation), HttpStatusCode.BadRequest, "deliveredAt");
        Assert.Equal(ClaimStatus.Open, (await host.Staff.GetFromJsonAsync<ClaimView>($"/api/v1/incidents/{id}/claim", ApiJson.Options, Cancellation))!.Status);

        var filed = await ClaimAsync(StatusAsync(id, new { status = "Filed", reference = "BRT-CLM-1" }));
        Assert.Equal((ClaimStatus.Filed, "BRT-CLM-1", 52.30m), (filed.Status, filed.Reference, filed.ClaimedAmount));

        // Filed: the amount is fixed, even when the resolution's costs change afterwards.
        await AssertProblemAsync(await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/claim", new { amount = 80m }, Cancellation), HttpStatusCode.Conflict, field: null);
        Assert.Equal(ClaimStatus.Accepted, (await ClaimAsync(StatusAsync(id, new { status = "Accepted" }))).Status);
        var paid = await ClaimAsync(StatusAsync(id, new { status = "Paid", amount = 45.00m }));
        var again2 = await ClaimAsync(StatusAsync(id, new { status = "Paid", amount = 45.00m }));
        await AssertProblemAsync(await StatusAsync(id, new { status = "Paid", amount = 50m }), HttpStatusCode.Conflict, field: null);
        await AssertProblemAsync(await StatusAsync(id, new { status = "Rejected" }), HttpStatusCode.Conflict, field: null);

        Assert.Equal((ClaimStatus.Paid, 45.00m, 7.30m), (paid.Status, paid.PaidAmount, paid.Lost));
        Assert.Equal(paid, again2);
        var recovery = Assert.Single(await host.Services.GetRequiredService<CostLedger>().ForIncidentAsync(id, Cancellation), l => l.Kind == CostKind.CarrierRecovery);
        Assert.Equal((45.00m, "BRT"), (recovery.Amount, recovery.Carrier));

        // The recovery is income: the carrier's cost is the replacement and its shipping less what BRT paid.
        var byCarrier = (await host.Staff.GetFromJsonAsync<Amends.Reports.Report>("/api/v1/reports/carrier", ApiJson.Options, Cancellation))!;
        var brt = Assert.Single(byCarrier.Rows, r => r.Key == "BRT");
        Assert.Equal((39.90m + 6.50m, 45.00m, 39.90m + 6.50m - 45.00m), (brt.GrossCost, brt.Income, brt.NetCost));
        var notes = (await host.IncidentAsync(id)).Timeline.Select(e => e.Text ?? "").Where(t => t.StartsWith("Carrier claim", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, notes.Count); // opened, filed, accepted, paid: once each
    }

    [Fact]
    public async Task The_sweep_reminds_staff_once_before_the_carriers_deadline_and_not_before_the_lead_time()
    {
        const string due = "AMD-CLAIMDUE", early = "AMD-CLAIMNEW";
        foreach (var id in new[] { due, early })
        {
            await host.SeedAsync(id, "ola@example.no", "Ola Nordmann", "nb", "#3002");
            await DiagnoseAsync(id, "Carrier");
        }

        // BRT takes claims for 10 days, reminders 2 days ahead: delivered 9 days ago is due, 1 day ago is not.
        await ClaimAsync(host.Staff.PostAsJsonAsync($"/api/v1/incidents/{due}/claim", new { carrier = "BRT", deliveredAt = DateTimeOffset.UtcNow.AddDays(-9) }, Cancellation));
        await ClaimAsync(host.Staff.PostAsJsonAsync($"/api/v1/incidents/{early}/claim", new { carrier = "BRT", deliveredAt = DateTimeOffset.UtcNow.AddDays(-1) }, Cancellation));
        var sweep = host.Services.GetRequiredService<AttentionSweep>();

        var first = await sweep.RunAsync(host.Workflows.Client, Cancellation);
        var second = await sweep.RunAsync(host.Workflows.Client, Cancellation);

        var flagged = await host.IncidentAsync(due);
        Assert.True(flagged.Incident.NeedsAttention);
        Assert.Single(flagged.Timeline, e => e.Text?.StartsWith("Carrier claim not filed yet: BRT", StringComparison.Ordinal) == true);
        Assert.NotNull((await host.Staff.GetFromJsonAsync<ClaimView>($"/api/v1/incidents/{due}/claim", ApiJson.Options, Cancellation))!.RemindedAt);
        Assert.Equal(1, first.ClaimReminders);
        Assert.Equal(0, second.ClaimReminders);
        var quiet = await host.IncidentAsync(early);
        Assert.False(quiet.Incident.NeedsAttention);
        Assert.DoesNotContain(quiet.Timeline, e => e.Text?.StartsWith("Carrier claim not filed", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task No_claim_without_the_carriers_responsibility_and_a_rejected_claim_counts_as_lost_in_the_report()
    {
        const string store = "AMD-CLAIMSTO", rejected = "AMD-CLAIMREJ";
        await host.SeedAsync(store, "ola@example.no", "Ola Nordmann", "nb", "#3003");
        await DiagnoseAsync(store, "Store");
        await AssertProblemAsync(await host.Staff.GetAsync($"/api/v1/incidents/{store}/claim", Cancellation), HttpStatusCode.NotFound, field: null);
        await AssertProblemAsync(await host.Staff.PostAsync($"/api/v1/incidents/{store}/claim", null, Cancellation), HttpStatusCode.Conflict, field: null);
        await AssertProblemAsync(await host.Staff.GetAsync("/api/v1/incidents/AMD-NOSUCH00/claim/pack", Cancellation), HttpStatusCode.NotFound, field: null);
        await AssertProblemAsync(await StatusAsync("AMD-NOSUCH00", new { status = "Filed" }), HttpStatusCode.NotFound, field: null);

        await host.SeedAsync(rejected, "ola@example.no", "Ola Nordmann", "nb", "#3004");
        await DiagnoseAsync(rejected, "Carrier");

        // Nothing to claim yet: filing needs the carrier, the tracking number and an amount.
        await AssertProblemAsync(await StatusAsync(rejected, new { status = "Filed" }), HttpStatusCode.Conflict, field: null);
        await ClaimAsync(host.Staff.PostAsJsonAsync($"/api/v1/incidents/{rejected}/claim", new { carrier = "Nordpost", trackingNumber = "NP-1", goodsValue = 20m, amount = 25m }, Cancellation));
        await ClaimAsync(StatusAsync(rejected, new { status = "Filed" }));
        var refused = await ClaimAsync(StatusAsync(rejected, new { status = "Rejected", note = "Packed too loosely." }));

        Assert.Equal((ClaimStatus.Rejected, 25m, "Packed too loosely."), (refused.Status, refused.Lost, refused.Note));
        var report = (await host.Staff.GetFromJsonAsync<ClaimsReport>("/api/v1/reports/claims", ApiJson.Options, Cancellation))!;
        Assert.Contains(new ClaimsReportRow("Nordpost", 1, 25m, 0m, 25m, 0m), report.Rows);
        using var csv = await host.Staff.GetAsync("/api/v1/reports/claims?format=csv", Cancellation);
        var text = await csv.Content.ReadAsStringAsync(Cancellation);
        Assert.StartsWith("carrier,claims,claimed,recovered,lost,pending\n", text, StringComparison.Ordinal);
        Assert.Contains("Nordpost,1,25.00,0.00,25.00,0.00\n", text, StringComparison.Ordinal);

        // A date range keeps the claims opened in it; a bad date names its field.
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains((await host.Staff.GetFromJsonAsync<ClaimsReport>($"/api/v1/reports/claims?from={today}&to={today}", ApiJson.Options, Cancellation))!.Rows, r => r.Carrier == "Nordpost");
        Assert.Empty((await host.Staff.GetFromJsonAsync<ClaimsReport>($"/api/v1/reports/claims?from={tomorrow}", ApiJson.Options, Cancellation))!.Rows);
        await AssertProblemAsync(await host.Staff.GetAsync("/api/v1/reports/claims?from=last-week", Cancellation), HttpStatusCode.BadRequest, "from");
        await AssertProblemAsync(await host.Staff.GetAsync($"/api/v1/reports/claims?from={tomorrow}&to={today}", Cancellation), HttpStatusCode.BadRequest, "to");
    }

    private static byte[] Picture(MagickFormat format, uint width, uint height)
    {
        using var image = new MagickImage(MagickColors.IndianRed, width, height);
        return image.ToByteArray(format);
    }

    private async Task UploadAsync(string id, params (string Name, string Type, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, type, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "files", name);
        }

        using var response = await host.Staff.PostAsync($"/api/v1/incidents/{id}/photos", form, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task DiagnoseAsync(string id, string responsibility)
    {
        using var response = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/diagnosis", new { category = "DamagedInTransit", responsibility }, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private Task<HttpResponseMessage> StatusAsync(string id, object body) =>
        host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/claim/status", body, Cancellation);

    private static async Task<ClaimView> ClaimAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<ClaimView>(body, ApiJson.Options)!;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            if (field is not null)
            {
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
                Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}.");
            }
        }
    }
}
