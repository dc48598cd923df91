using Amends.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;

namespace Amends.Functions.Tests;

/// <summary>
/// The standalone server's HTTP surface, in memory: what src/Amends.Server/Program.cs maps (the OpenAPI
/// document, then <see cref="AmendsApi.MapAmendsApi"/>) with the same JSON, problem and OpenAPI
/// services, but no durable back end, API key or Kestrel, so nothing here needs storage. The durable
/// client is a fake: the server's is only a service its handlers take.
/// </summary>
internal sealed class ServerSurface : IAsyncDisposable
{
    /// <summary>Where the server maps its OpenAPI document (Program.cs).</summary>
    public const string OpenApiPath = "/api/v1/openapi.json";

    private ServerSurface(WebApplication app) => App = app;

    public WebApplication App { get; }

    public static async Task<ServerSurface> StartAsync()
    {
        // The server's application name, which the OpenAPI document's title is made from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Amends.Server", EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(TestSettings.Values());
        builder.Services.AddAmends(builder.Configuration);
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddApiDocument();
        builder.Services.AddSingleton(new Mock<DurableTaskClient>("server").Object);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapOpenApi(OpenApiPath);
        app.MapAmendsApi(staff => staff.WithMetadata(StaffOnly.Instance));
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ServerSurface(app);
    }

    /// <summary>Every route the server maps, as "METHOD /template".</summary>
    public IReadOnlyList<string> Routes() =>
        [.. Endpoints().SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
            .Select(method => $"{method.ToUpperInvariant()} {Normalize(e.RoutePattern.RawText!)}"))
            .Order(StringComparer.Ordinal)];

    /// <summary>The routes the server puts behind its staff API key, as "METHOD /template".</summary>
    public IReadOnlyList<string> StaffRoutes() =>
        [.. Endpoints().Where(e => e.Metadata.GetMetadata<StaffOnly>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
            .Select(method => $"{method.ToUpperInvariant()} {Normalize(e.RoutePattern.RawText!)}"))
            .Order(StringComparer.Ordinal)];

    /// <summary>The endpoint names (WithName) of the server's API routes.</summary>
    public IReadOnlyList<string> EndpointNames() =>
        [.. Endpoints().Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).OfType<string>().Order(StringComparer.Ordinal)];

    public HttpClient Client() => App.GetTestClient();

    public ValueTask DisposeAsync() => App.DisposeAsync();

    /// <summary>"/api/v1/incidents/{id}" whichever way the route pattern spells its slashes.</summary>
    public static string Normalize(string template) => "/" + string.Join('/', template.Split('/', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Marks what MapAmendsApi hands to the server's staff filter.</summary>
    private sealed class StaffOnly
    {
        public static readonly StaffOnly Instance = new();
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        ((IEndpointRouteBuilder)App).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>();
}
