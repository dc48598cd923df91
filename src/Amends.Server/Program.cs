using Amends;
using Amends.Api;
using Amends.Server;
using Amends.Telemetry;
using Amends.Workflow;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

var builder = WebApplication.CreateBuilder(args);
var command = args is [StaffCommand.Verb, ..];
if (command)
{
    // A command beside `bash scripts/run.sh` reaches the same Azurite on its usual ports unless told otherwise.
    builder.Configuration["Amends:Storage:ConnectionString"] ??= "UseDevelopmentStorage=true";
}

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Amends:MaxRequestBytes") ?? 31_457_280;
    var url = new Uri(builder.Configuration["Amends:Url"] ?? "http://localhost:7071");
    kestrel.ListenLocalhostOrAny(url, HttpProtocols.Http1AndHttp2);
});
builder.Services.Configure<HostOptions>(host =>
{
    // Stopped together, Kestrel's draining and the durable worker's steps in flight share one timeout
    // instead of each waiting in turn.
    host.ServicesStopConcurrently = true;
    host.ShutdownTimeout = builder.Configuration.GetValue("Amends:ShutdownTimeout", TimeSpan.FromSeconds(5));
});
CustomerLinkSecret.Ensure(builder.Configuration, builder.Configuration["Amends:CustomerLinkSecretFile"] ?? ".amends/customer-link-secret");

// Links in customer emails point at this server unless a public address is configured.
builder.Configuration["Amends:PublicBaseUrl"] ??= builder.Configuration["Amends:Url"];
builder.Services.AddAmends(builder.Configuration);

// Traces and measures go to an OpenTelemetry collector only when one is named (the standard
// OTEL_EXPORTER_OTLP_ENDPOINT, or the same key in appsettings.json): the local run exports nothing.
// Logs stay in the server's own log, where the logging filters keep customer data out.
if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
{
    builder.Services.AddAmendsTelemetry("amends-server")
        .WithTracing(tracing => tracing.AddOtlpExporter())
        .WithMetrics(metrics => metrics.AddOtlpExporter());
}

builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
builder.Services.AddApiDocument();
builder.Services.AddHostedService<SweepService>();
builder.Services.AddHostedService<StaffNoticeService>();
builder.Services.AddDurableBackend(builder.Configuration, tasks => tasks.AddIncidentWorkflow());

var app = builder.Build();
await app.Services.EnsureStorageAsync();
if (command)
{
    return await StaffCommand.RunAsync(app.Services, args[1..], Console.Out);
}

var apiKey = await StaffApiKey.LoadAsync(app.Services, app.Configuration, app.Configuration["Amends:ApiKeyFile"] ?? ".amends/api-key", app.Logger);

app.UseExceptionHandler();

// Answers the router gives without a handler (e.g. 415 for a body that is not JSON) get a problem+json body too.
app.UseStatusCodePages();
app.MapOpenApi("/api/v1/openapi.json");
app.MapAmendsApi(staff => staff.AddEndpointFilter(apiKey));
app.Run();
return 0;
