using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Amends.Orders;
using Amends.StoreBackend;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Amends.Browser.Tests;

/// <summary>
/// The store's own back end on a loopback port (real Kestrel), answering Amends' order lookup as the contract
/// says (docs/orders.md, the OpenAPI webhook <c>storeOrderLookup</c>): <c>GET /orders/{number}</c> signed with the
/// shared secret, 200 with the order in JSON, 404 for an order it does not have, 401 for a wrong signature.
/// </summary>
internal sealed class StoreBackendStandIn : IAsyncDisposable
{
    /// <summary>The secret Amends signs lookups with (<c>Amends:StoreBackend:WebhookSecret</c>).</summary>
    public const string Secret = "store-backend-secret-of-casa-bella";

    private readonly WebApplication app;

    private StoreBackendStandIn(WebApplication app) =>
        (this.app, Url) = (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    /// <summary>The base address, <c>http://127.0.0.1:port</c>.</summary>
    public string Url { get; }

    /// <summary>The order numbers asked for, without <c>#</c>, each with the status it was answered with.</summary>
    public ConcurrentQueue<(string Number, int Status)> Asked { get; } = new();

    /// <summary>Starts a back end that keeps <paramref name="orders"/> and no other.</summary>
    public static async Task<StoreBackendStandIn> StartAsync(params StoreOrder[] orders)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var byNumber = orders.ToDictionary(o => o.Number.TrimStart('#'), StringComparer.Ordinal);
        StoreBackendStandIn? standIn = null;
        app.MapGet("/orders/{number}", (HttpContext context, string number) =>
        {
            var signed = StoreBackendOrders.Signed(context.Request.Headers[StoreBackendWebhook.TimestampHeader].ToString(), context.Request.Path + context.Request.QueryString);
            var result = !StoreBackendWebhook.Verify(Secret, signed, context.Request.Headers[StoreBackendWebhook.SignatureHeader])
                ? Results.Json(new { error = "bad signature" }, statusCode: StatusCodes.Status401Unauthorized)
                : byNumber.TryGetValue(number, out var order)
                    ? Results.Json(order, JsonSerializerOptions.Web)
                    : Results.Json(new { error = "no such order" }, statusCode: StatusCodes.Status404NotFound);
            standIn!.Asked.Enqueue((number, (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK));
            return result;
        });
        await app.StartAsync();
        standIn = new StoreBackendStandIn(app);
        return standIn;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
