using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Amends.Telemetry;

/// <summary>What both hosts trace and measure; each host adds its exporter (docs/telemetry.md).</summary>
public static class TelemetryServices
{
    /// <summary>The Durable Task engine's trace source (DurableTask.Core 3.x): orchestrations, activities, events.</summary>
    public const string DurableTaskSource = "DurableTask.Core";

    /// <summary>The Azure SDK's trace sources (tables, blobs, queues), emitted once <see cref="AzureSourceSwitch"/> is on.</summary>
    public const string AzureSources = "Azure.*";

    /// <summary>The switch that makes the Azure SDK emit its spans through <c>ActivitySource</c> (read when a client is created).</summary>
    public const string AzureSourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>
    /// Adds OpenTelemetry with Amends' spans and measures, the Durable Task engine's and storage's spans, incoming
    /// and outgoing HTTP, all under <paramref name="serviceName"/>, every span cleaned by <see cref="TraceRedaction"/>
    /// before any exporter sees it. Call it before the first storage client is created.
    /// </summary>
    public static OpenTelemetryBuilder AddAmendsTelemetry(this IServiceCollection services, string serviceName)
    {
        AppContext.SetSwitch(AzureSourceSwitch, true);
        return services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource(AmendsTelemetry.Name, DurableTaskSource, AzureSources)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddProcessor(new TraceRedaction()))
            .WithMetrics(metrics => metrics
                .AddMeter(AmendsTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
    }
}
