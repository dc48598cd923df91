using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amends.Api;
using Amends.StoreBackend;
using Microsoft.Extensions.Options;

namespace Amends.Orders;

/// <summary>
/// Reads an order from the store's own back end: <c>GET {base}/orders/{number}</c>, signed like the refund
/// webhook (HMAC-SHA256 with <c>Amends:StoreBackend:WebhookSecret</c>, see <see cref="Signed"/>), answered with
/// a <see cref="StoreOrder"/> in JSON (the contract is in the OpenAPI document).
/// </summary>
public sealed class StoreBackendOrders(HttpClient http, IOptions<OrderLookupOptions> options, IOptions<StoreBackendOptions> backend, TimeProvider clock) : IOrderLookup
{
    private const string Platform = "The store's back end";

    /// <summary>The path Amends asks for <paramref name="orderNumber"/>, relative to the base URL.</summary>
    public static string PathFor(string orderNumber) => "orders/" + Uri.EscapeDataString(StoreAnswers.Bare(orderNumber));

    /// <summary>
    /// What is signed for a lookup: the timestamp, the method and the path with its query, one per line. The
    /// store recomputes it from the request and checks <see cref="StoreBackendWebhook.SignatureHeader"/> with
    /// <see cref="StoreBackendWebhook.Verify"/>'s rule.
    /// </summary>
    public static byte[] Signed(string timestamp, string pathAndQuery) => Encoding.UTF8.GetBytes($"{timestamp}\nGET\n{pathAndQuery}");

    /// <inheritdoc />
    public async Task<OrderLookupResult> FindAsync(string orderNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderNumber);
        var baseUrl = options.Value.StoreBackend.BaseUrl!.TrimEnd('/') + "/";
        var uri = new Uri(new Uri(baseUrl), PathFor(orderNumber));
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add(StoreBackendWebhook.TimestampHeader, timestamp);
        request.Headers.Add(StoreBackendWebhook.SignatureHeader, StoreBackendWebhook.Sign(backend.Value.WebhookSecret ?? "", Signed(timestamp, uri.PathAndQuery)));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new OrderLookupResult.NotFound();
            }

            if (!response.IsSuccessStatusCode)
            {
                return StoreAnswers.Failure(response, Platform, clock);
            }

            var order = await response.Content.ReadFromJsonAsync<StoreOrder>(ApiJson.Options, cancellationToken);
            return order is { Customer: not null, Lines: not null }
                ? new OrderLookupResult.Found(order)
                : new OrderLookupResult.Unavailable($"{Platform} answered an order without its customer or lines.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return new OrderLookupResult.Unavailable($"{Platform} could not be read: {e.GetType().Name}.");
        }
    }
}
