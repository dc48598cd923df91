using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amends.Api;
using Amends.Compensate;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Compensate;

/// <summary>
/// The store's back end looks a discount code up and redeems it at checkout over the staff API: a code
/// is used once, the same order may retry, another order or a late one hears 409.
/// </summary>
public sealed class DiscountCodesApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private DiscountCodes Codes => host.Services.GetRequiredService<DiscountCodes>();

    public async ValueTask InitializeAsync() => host = await AmendsApiHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_store_looks_up_a_code_it_was_given()
    {
        var issued = await Codes.IssueAsync("AMD-DISC0001", 15, DateTimeOffset.UtcNow.AddDays(90), Cancellation);

        var view = await host.Staff.GetFromJsonAsync<DiscountCodeView>($"/api/v1/discount-codes/{issued.Code.ToLowerInvariant()}", ApiJson.Options, Cancellation);

        Assert.Equal((issued.Code, "AMD-DISC0001", 15, false, (DateTimeOffset?)null), (view!.Code, view.IncidentId, view.Percent, view.Redeemed, view.RedeemedAt));
    }

    [Theory]
    [InlineData("SORRY-NOPE")]
    [InlineData("SORRY%23NOPE")]
    public async Task An_unknown_code_is_a_404_problem(string code)
    {
        using var response = await host.Staff.GetAsync($"/api/v1/discount-codes/{code}", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Two_checkouts_redeeming_at_once_one_gets_it_the_other_hears_it_is_already_redeemed()
    {
        var issued = await Codes.IssueAsync("AMD-DISC0002", 10, DateTimeOffset.UtcNow.AddDays(90), Cancellation);

        var responses = await Task.WhenAll(
            RedeemAsync(issued.Code, "1001"),
            RedeemAsync(issued.Code, "1002"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.Status).Order());
        Assert.Contains("already redeemed", responses.Single(r => r.Status == HttpStatusCode.Conflict).Body, StringComparison.Ordinal);
        var view = await host.Staff.GetFromJsonAsync<DiscountCodeView>($"/api/v1/discount-codes/{issued.Code}", ApiJson.Options, Cancellation);
        Assert.True(view!.Redeemed);
        Assert.NotNull(view.RedeemedAt);
    }

    [Fact]
    public async Task The_same_order_redeeming_again_gets_the_same_answer()
    {
        var issued = await Codes.IssueAsync("AMD-DISC0003", 10, DateTimeOffset.UtcNow.AddDays(90), Cancellation);

        var first = await RedeemAsync(issued.Code, "1001");
        var retried = await RedeemAsync(issued.Code, "1001");
        var other = await RedeemAsync(issued.Code, "1002");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict), (first.Status, retried.Status, other.Status));
        Assert.Equal(first.Body, retried.Body);
    }

    [Fact]
    public async Task An_expired_code_is_a_409_saying_so()
    {
        var issued = await Codes.IssueAsync("AMD-DISC0004", 10, DateTimeOffset.UtcNow.AddDays(-1), Cancellation);

        var response = await RedeemAsync(issued.Code, "1001");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Contains("expired", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redeem_without_an_order_number_is_a_400()
    {
        var issued = await Codes.IssueAsync("AMD-DISC0005", 10, DateTimeOffset.UtcNow.AddDays(90), Cancellation);

        using var response = await host.Staff.PostAsJsonAsync($"/api/v1/discount-codes/{issued.Code}/redeem", new { }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("orderNumber", out _));
    }

    private async Task<(HttpStatusCode Status, string Body)> RedeemAsync(string code, string orderNumber)
    {
        using var response = await host.Staff.PostAsJsonAsync($"/api/v1/discount-codes/{code}/redeem", new { orderNumber }, Cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation));
    }
}
