using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Amends.Orders;

/// <summary>
/// Reads an order from WooCommerce's REST API v3: <c>GET /wp-json/wc/v3/orders?search=</c> with the number,
/// page by page (<c>X-WP-TotalPages</c>), keeping the order whose <c>number</c> is the customer's. The keys go as
/// HTTP basic authentication, which WooCommerce takes over HTTPS only. Tracking comes from the Shipment
/// Tracking extension's order meta when the store has it.
/// </summary>
public sealed class WooCommerceOrders(HttpClient http, IOptions<OrderLookupOptions> options, TimeProvider clock) : IOrderLookup
{
    /// <summary>The order meta the Shipment Tracking extension keeps its parcels in.</summary>
    public const string TrackingMeta = "_wc_shipment_tracking_items";

    private const string Platform = "WooCommerce";
    private const int PageSize = 20;

    // A search matches names and addresses too: past a few pages the number is not among them.
    private const int MaxPages = 5;

    /// <inheritdoc />
    public async Task<OrderLookupResult> FindAsync(string orderNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderNumber);
        var store = options.Value.WooCommerce;
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{store.ConsumerKey}:{store.ConsumerSecret}"));
        var number = StoreAnswers.Bare(orderNumber);
        try
        {
            for (var page = 1; page <= MaxPages; page++)
            {
                var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
                    $"{store.BaseUrl!.TrimEnd('/')}/wp-json/wc/v3/orders?search={Uri.EscapeDataString(number)}&per_page={PageSize}&page={page}"));
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
                using var response = await http.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return await FailureAsync(response, cancellationToken);
                }

                using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                var found = answer.RootElement.EnumerateArray().FirstOrDefault(o => StoreAnswers.SameNumber(o.Text("number") ?? o.Child("id").ToString(), number));
                if (found.ValueKind == JsonValueKind.Object)
                {
                    return new OrderLookupResult.Found(ToOrder(found));
                }

                var pages = response.Headers.TryGetValues("X-WP-TotalPages", out var values) && int.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, out var total) ? total : 1;
                if (page >= pages)
                {
                    break;
                }
            }

            return new OrderLookupResult.NotFound();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return new OrderLookupResult.Unavailable($"{Platform} could not be read: {e.GetType().Name}.");
        }
    }

    /// <summary>An error answer, with WooCommerce's own <c>code</c> named for staff (never its message, which may echo input).</summary>
    private async Task<OrderLookupResult> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var failure = StoreAnswers.Failure(response, Platform, clock);
        string? code = null;
        try
        {
            using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            code = error.RootElement.Text("code");
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: the status says enough.
        }

        return (failure, code) switch
        {
            (_, null) => failure,
            (OrderLookupResult.Refused refused, _) => refused with { Reason = $"{refused.Reason[..^1]}: {code}." },
            (OrderLookupResult.Unavailable unavailable, _) => unavailable with { Reason = $"{unavailable.Reason[..^1]}: {code}." },
            _ => failure,
        };
    }

    private static StoreOrder ToOrder(JsonElement order)
    {
        var billing = order.Child("billing");
        var shipping = order.Child("shipping");
        var tracking = order.Items("meta_data").Where(m => m.Text("key") == TrackingMeta).SelectMany(m => m.Items("value")).LastOrDefault();
        var name = Join(shipping.Text("first_name"), shipping.Text("last_name"));
        return new StoreOrder(
            order.Text("number") ?? order.Child("id").ToString(),
            new OrderCustomer(billing.Text("email") ?? "", Join(billing.Text("first_name"), billing.Text("last_name"))),
            [.. order.Items("line_items").Select(line => new OrderLine(
                line.Text("sku") ?? "",
                line.Text("name") ?? "",
                line.Amount("price"),
                line.Child("quantity").ValueKind == JsonValueKind.Number ? line.Child("quantity").GetInt32() : 1))],
            shipping.Text("address_1") is { } street
                ? new PostalAddress(Join(name, shipping.Text("company")) ?? "", street, shipping.Text("address_2"), shipping.Text("city") ?? "",
                    shipping.Text("postcode") ?? "", shipping.Text("state"), shipping.Text("country") ?? "")
                : null,
            tracking.Text("custom_tracking_provider") ?? tracking.Text("tracking_provider"),
            tracking.Text("tracking_number"),
            tracking.Text("date_shipped") is { } shipped && long.TryParse(shipped, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null,
            DeliveredAt: null,
            order.Text("currency"));
    }

    private static string? Join(string? first, string? second) =>
        string.Join(" ", new[] { first, second }.Where(s => s is not null)) is { Length: > 0 } joined ? joined : null;
}
