using Amends.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Functions.Api;

/// <summary>
/// The server's own endpoints (<see cref="AmendsApi.MapAmendsApi"/>), built once over the Functions app's
/// services, so an HTTP trigger runs exactly what the server runs for its route: the same handler, the same
/// parameter binding (route values, services, the request, its cancellation) and the same answer. A route
/// is declared once, in AmendsApi; its trigger only names it and repeats what the Functions host must read
/// from attributes (method, template, key or anonymous), which the parity tests compare with the declaration.
/// </summary>
public sealed class ApiEndpoints
{
    private readonly Dictionary<string, RouteEndpoint> byName;

    /// <summary>Builds the endpoints AmendsApi declares.</summary>
    public ApiEndpoints(IServiceProvider services)
        : this(services, routes => routes.MapAmendsApi(_ => { }))
    {
    }

    /// <summary>
    /// Builds the endpoints <paramref name="map"/> declares. The staff group gets no filter: the Functions
    /// host has already refused a staff route without a function key, and <see cref="StaffSignIn"/> named the caller.
    /// </summary>
    public ApiEndpoints(IServiceProvider services, Action<IEndpointRouteBuilder> map)
    {
        var routes = new EndpointTable(services);
        map(routes);
        byName = routes.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .ToDictionary(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, StringComparer.Ordinal);
    }

    /// <summary>The declared endpoints by name (the Functions app names each trigger after its endpoint).</summary>
    public IReadOnlyDictionary<string, RouteEndpoint> ByName => byName;

    /// <summary>
    /// The answer of the endpoint named <paramref name="name"/> to <paramref name="request"/>: the server's
    /// handler, run when the Functions worker executes the result. The trigger's durable client stands in
    /// for the server's registered one (the isolated worker hands it out only as a binding).
    /// </summary>
    public EndpointAnswer Run(string name, HttpRequest request, DurableTaskClient workflows) =>
        byName.TryGetValue(name, out var endpoint)
            ? new EndpointAnswer(endpoint, workflows)
            : throw new InvalidOperationException($"No route named {name} in AmendsApi.MapAmendsApi: declare it there, or remove the trigger.");

    /// <summary>What a trigger answers: its endpoint, run on the request when the worker executes it.</summary>
    public sealed class EndpointAnswer(RouteEndpoint endpoint, DurableTaskClient workflows) : IResult
    {
        /// <summary>The declared endpoint that answers.</summary>
        public RouteEndpoint Endpoint => endpoint;

        /// <inheritdoc/>
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            // The route values the server's router would have found, matched against the declared template itself.
            var values = new RouteValueDictionary();
            if (!new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary()).TryMatch(httpContext.Request.Path, values))
            {
                throw new InvalidOperationException($"{httpContext.Request.Path} does not match the route {endpoint.RoutePattern.RawText}: the trigger's template differs from AmendsApi's.");
            }

            httpContext.Request.RouteValues = values;
            var services = httpContext.RequestServices;
            httpContext.RequestServices = new WithWorkflows(services, workflows);
            try
            {
                await endpoint.RequestDelegate!(httpContext);
            }
            finally
            {
                httpContext.RequestServices = services;
            }
        }
    }

    /// <summary>The request's services, with the trigger's durable client as the <see cref="DurableTaskClient"/>.</summary>
    private sealed class WithWorkflows(IServiceProvider services, DurableTaskClient workflows) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(DurableTaskClient) ? workflows : services.GetService(serviceType);
    }

    /// <summary>
    /// Collects what AmendsApi maps, as a web application would, without one. Its services count the
    /// durable client as a service, as the server's do, so the handlers' parameter binding takes it from
    /// the request's services (<see cref="WithWorkflows"/>) rather than from the body.
    /// </summary>
    private sealed class EndpointTable(IServiceProvider services) : IEndpointRouteBuilder, IServiceProvider, IServiceProviderIsService
    {
        public IServiceProvider ServiceProvider => this;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);

        public object? GetService(Type serviceType) => serviceType == typeof(IServiceProviderIsService) ? this : services.GetService(serviceType);

        public bool IsService(Type serviceType) =>
            serviceType == typeof(DurableTaskClient) || services.GetService<IServiceProviderIsService>()?.IsService(serviceType) == true;
    }
}
