using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Amends.Orders;

/// <summary>
/// Reads an order from Shopify's Admin GraphQL API: the orders whose <c>name</c> is the number, with their
/// line items (SKU, title, unit price), shipping address and fulfillments (carrier, tracking number, dates).
/// Shopify answers a spent query budget with a <c>THROTTLED</c> error and the bucket's state in
/// <c>extensions.cost.throttleStatus</c>: the wait until the bucket holds the query's cost is how long to wait.
/// </summary>
public sealed class ShopifyOrders(HttpClient http, IOptions<OrderLookupOptions> options, TimeProvider clock) : IOrderLookup
{
    /// <summary>The header carrying the custom app's access token.</summary>
    public const string AccessTokenHeader = "X-Shopify-Access-Token";

    private const string Platform = "Shopify";

    /// <summary>The query: every field Amends reads, no more (a smaller query costs fewer points of the bucket).</summary>
    internal const string Query = """
        query OrderByName($query: String!) {
          orders(first: 5, query: $query) {
            nodes {
              name
              email
              currencyCode
              shippingAddress { name address1 address2 city zip provinceCode countryCodeV2 }
              lineItems(first: 50) {
                nodes { sku name quantity originalUnitPriceSet { shopMoney { amount currencyCode } } }
              }
              fulfillments(first: 5) {
                createdAt
                deliveredAt
                trackingInfo(first: 1) { company number }
              }
            }
          }
        }
        """;

    /// <inheritdoc />
    public async Task<OrderLookupResult> FindAsync(string orderNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderNumber);
        var shop = options.Value.Shopify;
        var uri = new Uri($"{shop.ShopUrl!.TrimEnd('/')}/admin/api/{shop.ApiVersion}/graphql.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(new { query = Query, variables = new { query = $"name:#{StoreAnswers.Bare(orderNumber)}" } }),
        };
        request.Headers.Add(AccessTokenHeader, shop.AccessToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return StoreAnswers.Failure(response, Platform, clock);
            }

            using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return Read(answer.RootElement, orderNumber);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return new OrderLookupResult.Unavailable($"{Platform} could not be read: {e.GetType().Name}.");
        }
    }

    private static OrderLookupResult Read(JsonElement root, string orderNumber)
    {
        var codes = root.Items("errors").Select(e => e.Child("extensions").Text("code")).ToList();
        if (codes.Contains("THROTTLED"))
        {
            return new OrderLookupResult.Unavailable("Shopify throttled the query (its cost budget is spent).", Refill(root.Child("extensions").Child("cost")));
        }

        if (codes.Contains("ACCESS_DENIED"))
        {
            return new OrderLookupResult.Refused("Shopify denied access to orders: give the app the read_orders scope.");
        }

        if (codes.Count > 0)
        {
            return new OrderLookupResult.Unavailable($"Shopify answered with errors ({string.Join(", ", codes.Select(c => c ?? "no code"))}).");
        }

        var node = root.Child("data").Child("orders").Items("nodes").FirstOrDefault(n => StoreAnswers.SameNumber(n.Text("name"), orderNumber));
        return node.ValueKind == JsonValueKind.Object ? new OrderLookupResult.Found(ToOrder(node)) : new OrderLookupResult.NotFound();
    }

    /// <summary>How long until the bucket holds the query's cost again, at its restore rate; a second when it does not say.</summary>
    private static TimeSpan Refill(JsonElement cost)
    {
        var status = cost.Child("throttleStatus");
        var needed = cost.Amount("requestedQueryCost") - status.Amount("currentlyAvailable");
        var rate = status.Amount("restoreRate");
        return rate > 0 && needed > 0 ? TimeSpan.FromSeconds(Math.Ceiling((double)(needed / rate))) : TimeSpan.FromSeconds(1);
    }

    private static StoreOrder ToOrder(JsonElement node)
    {
        var address = node.Child("shippingAddress");
        var fulfillment = node.Items("fulfillments").OrderByDescending(f => f.Date("createdAt")).FirstOrDefault();
        var tracking = fulfillment.Items("trackingInfo").FirstOrDefault();
        return new StoreOrder(
            node.Text("name")!,
            new OrderCustomer(node.Text("email") ?? "", address.Text("name")),
            [.. node.Child("lineItems").Items("nodes").Select(line => new OrderLine(
                line.Text("sku") ?? "",
                line.Text("name") ?? "",
                line.Child("originalUnitPriceSet").Child("shopMoney").Amount("amount"),
                line.Child("quantity").ValueKind == JsonValueKind.Number ? line.Child("quantity").GetInt32() : 1))],
            address.ValueKind == JsonValueKind.Object
                ? new PostalAddress(address.Text("name") ?? "", address.Text("address1") ?? "", address.Text("address2"), address.Text("city") ?? "",
                    address.Text("zip") ?? "", address.Text("provinceCode"), address.Text("countryCodeV2") ?? "")
                : null,
            tracking.Text("company"),
            tracking.Text("number"),
            fulfillment.Date("createdAt"),
            fulfillment.Date("deliveredAt"),
            node.Text("currencyCode"));
    }
}
