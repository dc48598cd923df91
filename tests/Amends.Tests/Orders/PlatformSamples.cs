using System.Text.Json;
using Amends.Orders;
using Amends.StoreBackend;
using Microsoft.AspNetCore.Http;

namespace Amends.Tests.Orders;

/// <summary>
/// Order #1042 of a kettle and two mugs, shipped with BRT, as each platform answers for it: the store's back end
/// by Amends' contract, Shopify's Admin GraphQL API and WooCommerce's REST API v3, each in its documented shape.
/// </summary>
internal static class PlatformSamples
{
    public const string StoreSecret = "store-backend-secret-for-orders";
    public const string ShopifyToken = "shpat_0123456789abcdef0123456789abcdef";
    public const string ShopifyVersion = "2025-10";
    public const string WooKey = "ck_0123456789abcdef0123456789abcdef01234567";
    public const string WooSecret = "cs_0123456789abcdef0123456789abcdef01234567";

    /// <summary>The settings that connect Amends to <paramref name="source"/> at <paramref name="url"/>.</summary>
    public static Dictionary<string, string?> Settings(OrderSource source, string url) => new()
    {
        ["Amends:Orders:Source"] = source.ToString(),
        ["Amends:Orders:RetryAfter"] = "00:00:00",
        ["Amends:Orders:StoreBackend:BaseUrl"] = url + "/amends",
        ["Amends:StoreBackend:WebhookSecret"] = StoreSecret,
        ["Amends:Orders:Shopify:ShopUrl"] = url,
        ["Amends:Orders:Shopify:AccessToken"] = ShopifyToken,
        ["Amends:Orders:Shopify:ApiVersion"] = ShopifyVersion,
        ["Amends:Orders:WooCommerce:BaseUrl"] = url,
        ["Amends:Orders:WooCommerce:ConsumerKey"] = WooKey,
        ["Amends:Orders:WooCommerce:ConsumerSecret"] = WooSecret,
    };

    /// <summary>How <paramref name="source"/> answers with order #1042 (checking our credentials as it would).</summary>
    public static Func<HttpContext, Task> Found(OrderSource source) => source switch
    {
        OrderSource.StoreBackend => async context =>
        {
            var signed = StoreBackendOrders.Signed(context.Request.Headers[StoreBackendWebhook.TimestampHeader].ToString(), context.Request.Path + context.Request.QueryString);
            var answer = !StoreBackendWebhook.Verify(StoreSecret, signed, context.Request.Headers[StoreBackendWebhook.SignatureHeader])
                ? PlatformStandIn.Json(401, """{"error":"bad signature"}""")
                : context.Request.Path == "/amends/orders/1042" ? PlatformStandIn.Json(200, StoreBackendOrder) : PlatformStandIn.Json(404, """{"error":"no such order"}""");
            await answer(context);
        },
        OrderSource.Shopify => async context =>
        {
            var answer = context.Request.Headers[ShopifyOrders.AccessTokenHeader] != ShopifyToken
                ? PlatformStandIn.Json(401, """{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""")
                : PlatformStandIn.Json(200, ShopifyOrder);
            await answer(context);
        },
        OrderSource.WooCommerce => async context =>
        {
            var answer = context.Request.Headers.Authorization != "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{WooKey}:{WooSecret}"))
                ? PlatformStandIn.Json(401, WooUnauthorized)
                : context.Request.Query["page"] == "2"
                    ? PlatformStandIn.Json(200, $"[{WooOrder}]", ("X-WP-Total", "21"), ("X-WP-TotalPages", "2"))
                    : PlatformStandIn.Json(200, $"[{string.Join(",", Enumerable.Range(1, 20).Select(i => WooOther(10420 + i)))}]", ("X-WP-Total", "21"), ("X-WP-TotalPages", "2"));
            await answer(context);
        },
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <summary>How <paramref name="source"/> answers when it has no order #1042.</summary>
    public static Func<HttpContext, Task> Missing(OrderSource source) => source switch
    {
        OrderSource.StoreBackend => PlatformStandIn.Json(404, """{"error":"no such order"}"""),
        OrderSource.Shopify => PlatformStandIn.Json(200, """{"data":{"orders":{"nodes":[]}},"extensions":{"cost":{"requestedQueryCost":32,"actualQueryCost":2,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1998,"restoreRate":100.0}}}}"""),
        OrderSource.WooCommerce => PlatformStandIn.Json(200, "[]", ("X-WP-Total", "0"), ("X-WP-TotalPages", "0")),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <summary>Order #1042 by Amends' own contract (<see cref="StoreOrder"/> in camelCase JSON).</summary>
    public const string StoreBackendOrder = """
        {
          "number": "#1042",
          "customer": { "email": "giulia.rossi@example.it", "name": "Giulia Rossi" },
          "lines": [
            { "sku": "KETTLE-01", "name": "Kettle Aurora 1.7 l", "unitPrice": 39.90, "quantity": 1 },
            { "sku": "MUG-02", "name": "Mug set Alba", "unitPrice": 12.50, "quantity": 2 }
          ],
          "shippingAddress": { "name": "Giulia Rossi", "line1": "Via Roma 12", "line2": "Scala B", "city": "Bologna", "postalCode": "40121", "region": "BO", "countryCode": "IT" },
          "carrier": "BRT",
          "trackingNumber": "BRT-0001234",
          "shippedAt": "2026-11-20T09:12:00Z",
          "deliveredAt": "2026-11-23T14:30:00Z",
          "currency": "EUR"
        }
        """;

    /// <summary>Shopify's answer to the orders query: money as decimal strings, fulfillments with tracking info, the cost in extensions.</summary>
    public const string ShopifyOrder = """
        {
          "data": {
            "orders": {
              "nodes": [
                {
                  "name": "#1042",
                  "email": "giulia.rossi@example.it",
                  "currencyCode": "EUR",
                  "shippingAddress": { "name": "Giulia Rossi", "address1": "Via Roma 12", "address2": "Scala B", "city": "Bologna", "zip": "40121", "provinceCode": "BO", "countryCodeV2": "IT" },
                  "lineItems": {
                    "nodes": [
                      { "sku": "KETTLE-01", "name": "Kettle Aurora 1.7 l", "quantity": 1, "originalUnitPriceSet": { "shopMoney": { "amount": "39.9", "currencyCode": "EUR" } } },
                      { "sku": "MUG-02", "name": "Mug set Alba", "quantity": 2, "originalUnitPriceSet": { "shopMoney": { "amount": "12.5", "currencyCode": "EUR" } } }
                    ]
                  },
                  "fulfillments": [
                    { "createdAt": "2026-11-20T09:12:00Z", "deliveredAt": "2026-11-23T14:30:00Z", "trackingInfo": [ { "company": "BRT", "number": "BRT-0001234" } ] }
                  ]
                }
              ]
            }
          },
          "extensions": {
            "cost": { "requestedQueryCost": 32, "actualQueryCost": 8, "throttleStatus": { "maximumAvailable": 2000.0, "currentlyAvailable": 1992, "restoreRate": 100.0 } }
          }
        }
        """;

    /// <summary>Shopify's answer when the bucket cannot pay the query's cost: HTTP 200, a THROTTLED error, no data.</summary>
    public const string ShopifyThrottled = """
        {
          "errors": [ { "message": "Throttled", "extensions": { "code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits" } } ],
          "extensions": { "cost": { "requestedQueryCost": 332, "actualQueryCost": null, "throttleStatus": { "maximumAvailable": 2000.0, "currentlyAvailable": 32, "restoreRate": 100.0 } } }
        }
        """;

    /// <summary>WooCommerce's error for keys it does not know.</summary>
    public const string WooUnauthorized = """{"code":"woocommerce_rest_authentication_error","message":"Consumer key is invalid.","data":{"status":401}}""";

    /// <summary>Order #1042 as WooCommerce v3 lists it (Shipment Tracking's meta included).</summary>
    public const string WooOrder = """
        {
          "id": 727, "parent_id": 0, "number": "1042", "status": "completed", "currency": "EUR",
          "date_created_gmt": "2026-11-19T09:00:00", "date_completed_gmt": "2026-11-20T09:12:00",
          "billing": { "first_name": "Giulia", "last_name": "Rossi", "company": "", "address_1": "Via Roma 12", "address_2": "Scala B", "city": "Bologna", "state": "BO", "postcode": "40121", "country": "IT", "email": "giulia.rossi@example.it", "phone": "" },
          "shipping": { "first_name": "Giulia", "last_name": "Rossi", "company": "", "address_1": "Via Roma 12", "address_2": "Scala B", "city": "Bologna", "state": "BO", "postcode": "40121", "country": "IT" },
          "line_items": [
            { "id": 315, "name": "Kettle Aurora 1.7 l", "product_id": 93, "variation_id": 0, "quantity": 1, "tax_class": "", "subtotal": "39.90", "total": "39.90", "sku": "KETTLE-01", "price": 39.9 },
            { "id": 316, "name": "Mug set Alba", "product_id": 94, "variation_id": 0, "quantity": 2, "tax_class": "", "subtotal": "25.00", "total": "25.00", "sku": "MUG-02", "price": 12.5 }
          ],
          "meta_data": [
            { "id": 13106, "key": "_wc_shipment_tracking_items", "value": [ { "tracking_provider": "BRT", "custom_tracking_provider": "", "tracking_number": "BRT-0001234", "date_shipped": "1795165920", "tracking_id": "a1b2c3" } ] }
          ]
        }
        """;

    /// <summary>Another order the search also matched (WooCommerce searches names and addresses too).</summary>
    public static string WooOther(int number) => JsonSerializer.Serialize(new
    {
        id = number - 9000,
        number = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        status = "completed",
        currency = "EUR",
        billing = new { first_name = "Other", last_name = "Customer", email = "other@example.com" },
        shipping = new { first_name = "Other", last_name = "Customer", address_1 = "Street 1", city = "Town", postcode = "1042", country = "IT" },
        line_items = new[] { new { id = 1, name = "Something", quantity = 1, sku = "OTHER", price = 5.0 } },
        meta_data = Array.Empty<object>(),
    });
}
