using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amends.Api;
using Amends.SpareParts;
using Amends.Tests.Fixtures;

namespace Amends.Tests.SpareParts;

/// <summary>
/// The spare-part catalogue over the staff API: staff enter parts and list a product's parts; a part
/// chosen as the resolution comes off the shelf, and with none left the answer is a 409 offering the
/// other resolutions.
/// </summary>
public sealed class SparePartsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string First = "AMD-SPAR3P01";
    private const string Second = "AMD-SPAR3P02";
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await AmendsApiHost.StartAsync(azurite);
        await host.SeedAsync(First, "giulia@example.it", "Giulia Rossi", "it", "#1001");
        await host.SeedAsync(Second, "ola@example.no", "Ola Nordmann", "nb", "#1002");
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Staff_enter_a_part_and_find_it_under_its_product()
    {
        using var put = await host.Staff.PutAsJsonAsync(
            "/api/v1/spare-parts/KETTLE-01-LID", new { productSku = "KETTLE-01", name = "Kettle lid", quantityOnHand = 3, reorderLevel = 5, unitCost = 4.50m }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var parts = (await host.Staff.GetFromJsonAsync<List<SparePart>>("/api/v1/spare-parts?sku=KETTLE-01", ApiJson.Options, Cancellation))!;
        Assert.Equal([new SparePart("KETTLE-01-LID", "KETTLE-01", "Kettle lid", 3, 5, 4.50m)], parts);
        Assert.Empty((await host.Staff.GetFromJsonAsync<List<SparePart>>("/api/v1/spare-parts?sku=TOASTER-02", ApiJson.Options, Cancellation))!);
    }

    [Theory]
    [InlineData("productSku", """{"name":"Lid","quantityOnHand":1,"unitCost":1}""")]
    [InlineData("name", """{"productSku":"KETTLE-01","quantityOnHand":1,"unitCost":1}""")]
    [InlineData("quantityOnHand", """{"productSku":"KETTLE-01","name":"Lid","quantityOnHand":-1,"unitCost":1}""")]
    [InlineData("reorderLevel", """{"productSku":"KETTLE-01","name":"Lid","quantityOnHand":1,"reorderLevel":-2,"unitCost":1}""")]
    [InlineData("unitCost", """{"productSku":"KETTLE-01","name":"Lid","quantityOnHand":1}""")]
    public async Task A_part_that_is_not_valid_is_a_400_naming_the_field(string field, string json)
    {
        using var response = await host.Staff.PutAsync("/api/v1/spare-parts/KETTLE-01-LID", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_last_part_goes_to_one_incident_and_the_other_is_offered_the_other_resolutions()
    {
        using var put = await host.Staff.PutAsJsonAsync(
            "/api/v1/spare-parts/KETTLE-01-LID", new { productSku = "KETTLE-01", name = "Kettle lid", quantityOnHand = 1, unitCost = 4.50m }, Cancellation);
        put.EnsureSuccessStatusCode();

        using var first = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{First}/resolution", new { type = "SparePart", partSku = "KETTLE-01-LID" }, Cancellation);
        using var second = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{Second}/resolution", new { type = "SparePart", partSku = "KETTLE-01-LID" }, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("out of stock", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ["Replacement", "Refund", "ReturnWithLabel", "StoreCredit"],
            problem.RootElement.GetProperty("alternatives").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [InlineData("""{"type":"Refund","partSku":"KETTLE-01-LID"}""")]
    [InlineData("""{"type":"SparePart","partSku":"NO-SUCH-PART"}""")]
    public async Task A_part_sku_that_cannot_be_used_is_a_400_naming_it(string json)
    {
        using var response = await host.Staff.PostAsync($"/api/v1/incidents/{First}/resolution", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("partSku", out _));
    }
}
