using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Amends.Tests.Orders;

/// <summary>
/// A store platform on a loopback port (real Kestrel, real HTTP): every request is recorded and answered by
/// <see cref="Answer"/>, which a test may change between calls (e.g. a store that comes back after an outage).
/// </summary>
internal sealed class PlatformStandIn : IAsyncDisposable
{
    private readonly WebApplication app;

    private PlatformStandIn(WebApplication app, Func<HttpContext, Task> answer)
    {
        this.app = app;
        Answer = answer;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    /// <summary>The base address, <c>http://127.0.0.1:port</c>.</summary>
    public string Url { get; }

    /// <summary>How the platform answers the next request.</summary>
    public Func<HttpContext, Task> Answer { get; set; }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public static async Task<PlatformStandIn> StartAsync(Func<HttpContext, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        PlatformStandIn? standIn = null;
        app.Run(async context =>
        {
            using var body = new StreamReader(context.Request.Body);
            standIn!.Received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                await body.ReadToEndAsync(context.RequestAborted)));
            await standIn.Answer(context);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        standIn = new PlatformStandIn(app, answer);
        return standIn;
    }

    /// <summary>An answer of <paramref name="status"/> with a JSON body and any headers.</summary>
    public static Func<HttpContext, Task> Json(int status, string json, params (string Name, string Value)[] headers) => async context =>
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(json, context.RequestAborted);
    };

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>One request the stand-in received.</summary>
/// <param name="Method">GET, POST…</param>
/// <param name="PathAndQuery">The path with its query string.</param>
/// <param name="Headers">Its headers, by name (any case).</param>
/// <param name="Body">Its body as text.</param>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
