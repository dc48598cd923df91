using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Amends.Functions.Tests.Telemetry;

/// <summary>The worker traces and measures for Application Insights when the app has its connection string (infra/ sets it), and not otherwise.</summary>
public sealed class FunctionsTelemetryTests
{
    private const string Storage = "--Amends:Storage:ConnectionString=UseDevelopmentStorage=true";

    [Fact]
    public void With_an_Application_Insights_connection_string_the_worker_traces_and_measures()
    {
        using var app = FunctionsApp.Build([Storage, "--APPLICATIONINSIGHTS_CONNECTION_STRING=InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/"]);

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void Without_one_nothing_is_traced()
    {
        using var app = FunctionsApp.Build([Storage]);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }
}
