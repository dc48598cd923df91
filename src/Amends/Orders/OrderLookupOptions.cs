using System.ComponentModel.DataAnnotations;

namespace Amends.Orders;

/// <summary>Where incidents read their orders from (<c>Amends:Orders</c>); no source: orders are not read.</summary>
public sealed class OrderLookupOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Orders";

    /// <summary>Which store platform holds the orders.</summary>
    public OrderSource Source { get; set; } = OrderSource.None;

    /// <summary>The longest one lookup may take before it counts as the store being unreachable (intake waits this long at most).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long after a failed lookup (store unreachable, credentials refused) the sweep asks again, unless the store said.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the sweep keeps asking before it gives up and flags the incident for staff.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The store's own back end: <c>GET {BaseUrl}/orders/{number}</c>, signed with <c>Amends:StoreBackend:WebhookSecret</c>.</summary>
    public StoreBackendOrderOptions StoreBackend { get; set; } = new();

    /// <summary>A Shopify store, read through the Admin GraphQL API.</summary>
    public ShopifyOptions Shopify { get; set; } = new();

    /// <summary>A WooCommerce store, read through its REST API v3.</summary>
    public WooCommerceOptions WooCommerce { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var missing = Source switch
        {
            OrderSource.StoreBackend => Missing(("StoreBackend:BaseUrl", StoreBackend.BaseUrl)),
            OrderSource.Shopify => Missing(("Shopify:ShopUrl", Shopify.ShopUrl), ("Shopify:AccessToken", Shopify.AccessToken), ("Shopify:ApiVersion", Shopify.ApiVersion)),
            OrderSource.WooCommerce => Missing(("WooCommerce:BaseUrl", WooCommerce.BaseUrl), ("WooCommerce:ConsumerKey", WooCommerce.ConsumerKey), ("WooCommerce:ConsumerSecret", WooCommerce.ConsumerSecret)),
            _ => [],
        };
        foreach (var name in missing)
        {
            yield return new ValidationResult($"Set Amends:Orders:{name} for the order source {Source}.", [name]);
        }

        var url = Source switch
        {
            OrderSource.StoreBackend => StoreBackend.BaseUrl,
            OrderSource.Shopify => Shopify.ShopUrl,
            OrderSource.WooCommerce => WooCommerce.BaseUrl,
            _ => null,
        };
        // Credentials go in every request: only over TLS, except to this machine (tests, a local tunnel).
        if (url is { Length: > 0 } && !IsSafe(url))
        {
            yield return new ValidationResult($"The {Source} address must be an absolute https URL (http only for localhost).", [nameof(Source)]);
        }
    }

    private static IEnumerable<string> Missing(params (string Name, string? Value)[] settings) =>
        settings.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Name);

    private static bool IsSafe(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}

/// <summary>The store platforms Amends reads orders from.</summary>
public enum OrderSource
{
    /// <summary>None: incidents know only what the customer wrote.</summary>
    None,

    /// <summary>The store's own back end, over the signed contract in the OpenAPI document.</summary>
    StoreBackend,

    /// <summary>Shopify's Admin GraphQL API.</summary>
    Shopify,

    /// <summary>WooCommerce's REST API v3.</summary>
    WooCommerce,
}

/// <summary>The store's own back end as an order source.</summary>
public sealed class StoreBackendOrderOptions
{
    /// <summary>The base URL; Amends calls <c>GET {BaseUrl}/orders/{number}</c>.</summary>
    public string? BaseUrl { get; set; }
}

/// <summary>A Shopify store as an order source (a custom app with the <c>read_orders</c> scope).</summary>
public sealed class ShopifyOptions
{
    /// <summary>The shop's address, e.g. <c>https://your-shop.myshopify.com</c>.</summary>
    public string? ShopUrl { get; set; }

    /// <summary>The custom app's Admin API access token (<c>shpat_…</c>), sent as <c>X-Shopify-Access-Token</c>.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The Admin API version (Shopify names them by quarter, e.g. <c>2025-10</c>).</summary>
    public string ApiVersion { get; set; } = "2025-10";
}

/// <summary>A WooCommerce store as an order source (REST API keys with Read permission).</summary>
public sealed class WooCommerceOptions
{
    /// <summary>The site's address, e.g. <c>https://shop.example</c>; Amends calls <c>{BaseUrl}/wp-json/wc/v3/orders</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The REST API consumer key (<c>ck_…</c>), the user name of HTTP basic authentication.</summary>
    public string? ConsumerKey { get; set; }

    /// <summary>The REST API consumer secret (<c>cs_…</c>), the password of HTTP basic authentication.</summary>
    public string? ConsumerSecret { get; set; }
}
