using Amends.Functions.Api;
using Amends.Telemetry;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Amends.Functions;

/// <summary>The Functions worker, composed: Program.cs builds it, storage is made ready, then it runs.</summary>
public static class FunctionsApp
{
    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();

        // Registered after the ASP.NET Core integration's middleware, so it runs inside it and sees each HTTP trigger's exceptions.
        builder.UseMiddleware<ProblemAnswers>();

        // Inside the problem answers, so a storage failure while naming the caller is answered as any other.
        builder.UseMiddleware<StaffSignIn>();

        // ASP.NET Core logs each request's URL at Information, and a queue filter's query string can hold a
        // customer's email address: no customer data in logs.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Traces and measures to Application Insights (infra/ sets its connection string); none without it.
        // Logs reach it already through the Functions host.
        if (builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 } insights)
        {
            builder.Services.AddAmendsTelemetry("amends-functions")
                .WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(exporter => exporter.ConnectionString = insights))
                .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(exporter => exporter.ConnectionString = insights))
                .UseFunctionsWorkerDefaults();
        }

        builder.Services.AddAmendsFunctions(builder.Configuration);
        return builder.Build();
    }
}
