using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amends.Returns;
using Amends.Tests.Fixtures;
using Amends.Tests.Returns;

namespace Amends.Tests.Resolve;

/// <summary>
/// The resolution routes over HTTP: a return needs the item price, its label is fetched as a PDF, and
/// a tracking number goes only to a resolution that ships something; bad input names the field.
/// </summary>
public sealed class ResolutionsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Returning = "AMD-RETURN01";
    private const string Shipping = "AMD-SHIPS001";
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await AmendsApiHost.StartAsync(azurite);
        await host.SeedAsync(Returning, "ola@example.no", "Ola Nordmann", "nb", "#1002");
        await host.SeedAsync(Shipping, "giulia@example.it", "Giulia Rossi", "it", "#1001");
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("itemPrice", """{"type":"ReturnWithLabel"}""")]
    [InlineData("itemPrice", """{"type":"ReturnWithLabel","itemPrice":-1}""")]
    [InlineData("itemPrice", """{"type":"Refund","refundAmount":10,"itemPrice":20}""")]
    [InlineData("refundAmount", """{"type":"ReturnWithLabel","itemPrice":20,"refundAmount":20}""")]
    public async Task A_return_without_a_usable_item_price_is_a_400_naming_the_field(string field, string json)
    {
        using var response = await host.Staff.PostAsync($"/api/v1/incidents/{Returning}/resolution", Json(json), Cancellation);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_return_label_is_fetched_as_a_pdf_once_the_return_is_chosen()
    {
        using var before = await host.Staff.GetAsync($"/api/v1/incidents/{Returning}/return-label", Cancellation);
        await AssertProblemAsync(before, HttpStatusCode.NotFound, field: null);
        using var unknown = await host.Staff.GetAsync("/api/v1/incidents/AMD-NOSUCH00/return-label", Cancellation);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, field: null);

        using var chosen = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{Returning}/resolution", new { type = "ReturnWithLabel", itemPrice = 59.90m }, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, chosen.StatusCode);
        using var label = await host.Staff.GetAsync($"/api/v1/incidents/{Returning}/return-label", Cancellation);

        Assert.Equal(HttpStatusCode.OK, label.StatusCode);
        Assert.Equal("application/pdf", label.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{ReturnLabels.ReturnNumberFor(Returning)}.pdf", label.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(ReturnLabels.ReturnNumberFor(Returning), LabelBarcode.DecodeFromDrawing(await label.Content.ReadAsByteArrayAsync(Cancellation)));
        Assert.Equal(59.90m, (await host.IncidentAsync(Returning)).Incident.Resolution!.Return!.Refund);

        // Changed to a refund: the label is no longer the customer's to use.
        using var changed = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{Returning}/resolution", new { type = "Refund", refundAmount = 59.90m }, Cancellation);
        using var after = await host.Staff.GetAsync($"/api/v1/incidents/{Returning}/return-label", Cancellation);
        await AssertProblemAsync(after, HttpStatusCode.NotFound, field: null);
    }

    [Fact]
    public async Task Tracking_goes_to_a_shipped_resolution_and_is_refused_before_one()
    {
        using var early = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{Shipping}/tracking", new { trackingNumber = "BRT-1" }, Cancellation);
        await AssertProblemAsync(early, HttpStatusCode.Conflict, field: null);
        using var missing = await host.Staff.PostAsync($"/api/v1/incidents/{Shipping}/tracking", Json("""{"carrier":"BRT"}"""), Cancellation);
        await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "trackingNumber");
        using var unknown = await host.Staff.PostAsJsonAsync("/api/v1/incidents/AMD-NOSUCH00/tracking", new { trackingNumber = "BRT-1" }, Cancellation);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, field: null);

        using var chosen = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{Shipping}/resolution", new { type = "Replacement", replacementCost = 39.90m, shippingCost = 6.50m }, Cancellation);
        using var posted = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{Shipping}/tracking", new { trackingNumber = "BRT-1", carrier = "BRT" }, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var resolution = (await host.IncidentAsync(Shipping)).Incident.Resolution!;
        Assert.Equal(("BRT-1", "BRT"), (resolution.TrackingNumber, resolution.Carrier));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
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
