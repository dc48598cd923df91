using System.Text.Json;
using Amends.Orders;
using Amends.StoreBackend;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Amends.Tests.Orders;

/// <summary>
/// The three order lookups' real HTTP clients against stand-ins on loopback ports that answer as each platform
/// documents: the order, no order, refused credentials, 429 with Retry-After, server errors, Shopify's cost
/// throttling and WooCommerce's pages.
/// </summary>
public sealed class OrderClientsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<OrderSource> Sources => [OrderSource.StoreBackend, OrderSource.Shopify, OrderSource.WooCommerce];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Each_platform_gives_the_order_its_lines_address_and_shipment(OrderSource source)
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformSamples.Found(source));

        var result = await Lookup(source, platform.Url).FindAsync("#1042", Cancellation);

        var order = Assert.IsType<OrderLookupResult.Found>(result).Order;
        Assert.True(PlatformNumbers(order.Number));
        Assert.Equal(new OrderCustomer("giulia.rossi@example.it", "Giulia Rossi"), order.Customer);
        Assert.Equal([new OrderLine("KETTLE-01", "Kettle Aurora 1.7 l", 39.90m, 1), new OrderLine("MUG-02", "Mug set Alba", 12.50m, 2)], order.Lines);
        Assert.Equal(new PostalAddress("Giulia Rossi", "Via Roma 12", "Scala B", "Bologna", "40121", "BO", "IT"), order.ShippingAddress);
        Assert.Equal(("BRT", "BRT-0001234", "EUR"), (order.Carrier, order.TrackingNumber, order.Currency));
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T09:12:00Z", System.Globalization.CultureInfo.InvariantCulture), order.ShippedAt);

        // WooCommerce keeps no delivery date; the others do.
        Assert.Equal(source == OrderSource.WooCommerce ? null : DateTimeOffset.Parse("2026-11-23T14:30:00Z", System.Globalization.CultureInfo.InvariantCulture), order.DeliveredAt);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task An_order_the_platform_does_not_have_is_not_found(OrderSource source)
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformSamples.Missing(source));

        Assert.IsType<OrderLookupResult.NotFound>(await Lookup(source, platform.Url).FindAsync("#9999", Cancellation));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Wrong_credentials_are_refused_not_retried(OrderSource source)
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformSamples.Found(source));

        var result = await Lookup(source, platform.Url, wrongCredentials: true).FindAsync("#1042", Cancellation);

        var refused = Assert.IsType<OrderLookupResult.Refused>(result);
        Assert.Contains("401", refused.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(PlatformSamples.ShopifyToken, refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_429_waits_as_long_as_Retry_After_says(OrderSource source)
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformStandIn.Json(429, """{"errors":"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."}""", ("Retry-After", "30")));

        var result = await Lookup(source, platform.Url).FindAsync("#1042", Cancellation);

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<OrderLookupResult.Unavailable>(result).RetryAfter);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_server_error_or_no_answer_is_worth_asking_again(OrderSource source)
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformStandIn.Json(503, """{"code":"service_unavailable","message":"Down for maintenance.","data":{"status":503}}"""));
        Assert.IsType<OrderLookupResult.Unavailable>(await Lookup(source, platform.Url).FindAsync("#1042", Cancellation));

        var closed = platform.Url;
        await platform.DisposeAsync();
        Assert.IsType<OrderLookupResult.Unavailable>(await Lookup(source, closed).FindAsync("#1042", Cancellation));
    }

    [Fact]
    public async Task The_store_back_end_is_asked_with_a_signed_GET_it_can_verify()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformSamples.Found(OrderSource.StoreBackend));

        await Lookup(OrderSource.StoreBackend, platform.Url).FindAsync(" #1042 ", Cancellation);

        var request = Assert.Single(platform.Received);
        Assert.Equal(("GET", "/amends/orders/1042"), (request.Method, request.PathAndQuery));
        Assert.True(StoreBackendWebhook.Verify(PlatformSamples.StoreSecret,
            StoreBackendOrders.Signed(request.Headers[StoreBackendWebhook.TimestampHeader], request.PathAndQuery), request.Headers[StoreBackendWebhook.SignatureHeader]));
        Assert.False(StoreBackendWebhook.Verify(PlatformSamples.StoreSecret,
            StoreBackendOrders.Signed(request.Headers[StoreBackendWebhook.TimestampHeader], "/amends/orders/1043"), request.Headers[StoreBackendWebhook.SignatureHeader]));
    }

    [Fact]
    public async Task Shopify_is_asked_by_order_name_with_the_access_token_on_the_configured_API_version()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformSamples.Found(OrderSource.Shopify));

        await Lookup(OrderSource.Shopify, platform.Url).FindAsync("1042", Cancellation);

        var request = Assert.Single(platform.Received);
        Assert.Equal(("POST", $"/admin/api/{PlatformSamples.ShopifyVersion}/graphql.json"), (request.Method, request.PathAndQuery));
        Assert.Equal(PlatformSamples.ShopifyToken, request.Headers[ShopifyOrders.AccessTokenHeader]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("name:#1042", body.RootElement.GetProperty("variables").GetProperty("query").GetString());
        Assert.Contains("orders(first: 5, query: $query)", body.RootElement.GetProperty("query").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shopify_cost_throttling_waits_until_the_bucket_holds_the_query_again()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformStandIn.Json(200, PlatformSamples.ShopifyThrottled));

        var result = await Lookup(OrderSource.Shopify, platform.Url).FindAsync("#1042", Cancellation);

        // 332 points asked, 32 left, 100 restored a second: 3 seconds.
        var unavailable = Assert.IsType<OrderLookupResult.Unavailable>(result);
        Assert.Equal(TimeSpan.FromSeconds(3), unavailable.RetryAfter);
        Assert.Contains("throttled", unavailable.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shopify_without_the_read_orders_scope_is_refused()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformStandIn.Json(200, """
            {"errors":[{"message":"Access denied for orders field. Required access: `read_orders` access scope.","locations":[{"line":2,"column":3}],"path":["orders"],"extensions":{"code":"ACCESS_DENIED","documentation":"https://shopify.dev/api/usage/access-scopes","requiredAccess":"`read_orders` access scope."}}],"data":null,"extensions":{"cost":{"requestedQueryCost":32,"actualQueryCost":2,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1998,"restoreRate":100.0}}}}
            """));

        var refused = Assert.IsType<OrderLookupResult.Refused>(await Lookup(OrderSource.Shopify, platform.Url).FindAsync("#1042", Cancellation));
        Assert.Contains("read_orders", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WooCommerce_is_searched_page_by_page_with_basic_authentication()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformSamples.Found(OrderSource.WooCommerce));

        await Lookup(OrderSource.WooCommerce, platform.Url).FindAsync("#1042", Cancellation);

        Assert.Equal(
            ["/wp-json/wc/v3/orders?search=1042&per_page=20&page=1", "/wp-json/wc/v3/orders?search=1042&per_page=20&page=2"],
            platform.Received.Select(r => r.PathAndQuery));
        Assert.All(platform.Received, r => Assert.StartsWith("Basic ", r.Headers["Authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task WooCommerce_stops_at_its_last_page_when_no_order_has_the_number()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformSamples.Found(OrderSource.WooCommerce));

        Assert.IsType<OrderLookupResult.NotFound>(await Lookup(OrderSource.WooCommerce, platform.Url).FindAsync("#777", Cancellation));
        Assert.Equal(2, platform.Received.Count);
    }

    [Fact]
    public async Task WooCommerce_errors_name_their_code_for_staff()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformStandIn.Json(401, PlatformSamples.WooUnauthorized));

        var refused = Assert.IsType<OrderLookupResult.Refused>(await Lookup(OrderSource.WooCommerce, platform.Url).FindAsync("#1042", Cancellation));
        Assert.EndsWith("woocommerce_rest_authentication_error.", refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StoreBackend", "http://store.example/amends", "absolute https URL")]
    [InlineData("Shopify", "https://shop.myshopify.com", "AccessToken")]
    [InlineData("WooCommerce", "", "BaseUrl")]
    public void Settings_that_cannot_work_are_refused_at_start_up(string source, string url, string named)
    {
        var options = new OrderLookupOptions
        {
            Source = Enum.Parse<OrderSource>(source),
            StoreBackend = { BaseUrl = url },
            Shopify = { ShopUrl = url },
            WooCommerce = { BaseUrl = url, ConsumerKey = "ck", ConsumerSecret = "cs" },
        };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains(named, StringComparison.Ordinal) || e.MemberNames.Any(m => m.Contains(named, StringComparison.Ordinal)));
    }

    private static bool PlatformNumbers(string number) => number is "#1042" or "1042";

    /// <summary>The client of <paramref name="source"/>, built from settings as the host binds them.</summary>
    private static IOrderLookup Lookup(OrderSource source, string url, bool wrongCredentials = false)
    {
        var settings = PlatformSamples.Settings(source, url);
        if (wrongCredentials)
        {
            settings["Amends:StoreBackend:WebhookSecret"] = "another-secret-entirely";
            settings["Amends:Orders:Shopify:AccessToken"] = "shpat_wrong";
            settings["Amends:Orders:WooCommerce:ConsumerSecret"] = "cs_wrong";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = Options.Create(configuration.GetSection(OrderLookupOptions.Section).Get<OrderLookupOptions>()!);
        var backend = Options.Create(configuration.GetSection(StoreBackendOptions.Section).Get<StoreBackendOptions>()!);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return source switch
        {
            OrderSource.StoreBackend => new StoreBackendOrders(http, options, backend, TimeProvider.System),
            OrderSource.Shopify => new ShopifyOrders(http, options, TimeProvider.System),
            _ => new WooCommerceOrders(http, options, TimeProvider.System),
        };
    }
}
