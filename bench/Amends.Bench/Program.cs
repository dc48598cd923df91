using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Amends;
using Amends.Bench;
using Amends.Ledger;
using Amends.Reports;
using Amends.Storage;
using Amends.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Latency of whole requests across processes (server, Azurite) is what a store feels, so this is a
// plain console runner measuring wall-clock distributions, not a BenchmarkDotNet micro-benchmark.
if (args is ["console", ..])
{
    // The staff console in Chromium over a queue of 10,000: page weight and time to show 50 (docs/performance.md).
    await ConsoleQueue.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000);
    return;
}

if (args is ["language", ..])
{
    // Lingua's model loading and the first guess per mail over the corpus (docs/performance.md).
    LanguageModels.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20);
    return;
}

if (args is ["inbound-memory", ..])
{
    // Peak server memory with N concurrent 30 MB SendGrid posts, bounded to P at a time (docs/performance.md).
    var posts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
    await InboundMemory.RunAsync(posts, places: args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4);
    return;
}

if (args is ["intake", ..])
{
    // Storage requests by kind and CPU per incident over a sustained intake of creates, SendGrid posts or both.
    await IntakeProfile.RunAsync(
        args.Length > 1 ? args[1] : "both",
        TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60),
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 8,
        args.Skip(4).Select(a => a.Split('=', 2)).ToDictionary(a => a[0], a => a[1]));
    return;
}

if (args is ["azurite-ceiling", ..])
{
    // The storage requests a second Azurite answers on this machine for an incident's mix, and its CPU per request.
    await AzuriteCeiling.RunAsync(
        TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16);
    return;
}

if (args is ["faults", ..])
{
    // Incidents through every resolution while storage calls and email sends fail and the server is killed.
    Environment.ExitCode = await FaultRun.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100,
        args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.2,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5);
    return;
}

if (args is ["ctrl-c", ..])
{
    // Ctrl-C of bash scripts/run.sh: until the script, the server and Azurite have all exited.
    await RunScriptStop.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3);
    return;
}

if (args is ["compare", ..])
{
    // The same workload on Amends' durable settings and on Durable Functions' defaults, side by side.
    await Compare.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20,
        TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60),
        TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 30));
    return;
}

if (args is ["never-silent", ..])
{
    // Thousands of incidents under a silence limit of seconds, staff acting at random, two kill -9s.
    Environment.ExitCode = await NeverSilentRun.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000,
        TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 120),
        TimeSpan.FromMinutes(args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 8));
    return;
}

if (args is ["latency", ..])
{
    // Create → acknowledgement incident by incident: which are slow, and (traced) where their time went.
    // latency N [warmup=W] [traced] [listing]: W incidents after the start reported apart (20 unless told), then N.
    var warmup = args.FirstOrDefault(a => a.StartsWith("warmup=", StringComparison.Ordinal)) is { } w ? int.Parse(w["warmup=".Length..], CultureInfo.InvariantCulture) : 20;
    await LatencyRun.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200, warmup, traced: args.Contains("traced"), listing: args.Contains("listing"));
    return;
}

if (args is ["recovery", ..])
{
    // Storage down and back, graceful stop and kill -9 of the server: time until a new incident is acknowledged.
    await Recovery.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3,
        TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30));
    return;
}

var incidents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var queueSize = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var reportIncidents = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
var prefix = "b" + Guid.NewGuid().ToString("N")[..8];

await using var azurite = await AzuriteProcess.StartAsync();
await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
{
    ["Amends__Storage__TablePrefix"] = prefix,
    ["Amends__Durable__MaxQueuePollingInterval"] = "00:00:01",
    ["Amends__InboundSecret"] = "bench-inbound-secret-0001",
});
using var http = server.CreateClient();
Console.WriteLine($"Amends benchmark, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores");

// A first argument of 0 skips the acknowledgement runs (to measure only the queue and the reports).
if (incidents > 0)
{
    var acknowledgements = await CreateToAcknowledgement.MeasureAsync(http, server.OutboxPath, incidents, concurrency: 4);
    Console.WriteLine($"create → acknowledgement in outbox, {incidents} incidents (4 at a time): {acknowledgements}");

    var inbound = await InboundToAcknowledgement.MeasureAsync(http, server.OutboxPath, "bench-inbound-secret-0001", 50);
    Console.WriteLine($"SendGrid post (raw MIME, Italian, one photo) → acknowledgement, 50 posts one at a time: {inbound}");
}

var services = new ServiceCollection().AddAmends(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Amends:Storage:ConnectionString"] = azurite.ConnectionString,
    ["Amends:Storage:TablePrefix"] = prefix,
}).Build()).BuildServiceProvider();
var store = services.GetRequiredService<IncidentStore>();
var seeding = Stopwatch.StartNew();
await QueueSeed.SeedAsync(store, queueSize);
Console.WriteLine($"seeded {queueSize} incidents in {seeding.Elapsed.TotalSeconds:F1} s");

foreach (var (label, url) in new[]
{
    ("oldest 50 open", "/api/v1/incidents?status=Open&pageSize=50"),
    ("first 50 of the whole queue", "/api/v1/incidents?pageSize=50"),
    ("oldest 50 open, category filter", "/api/v1/incidents?status=Open&category=Defective&pageSize=50"),
})
{
    Latencies samples = new();
    for (var run = 0; run < 60; run++)
    {
        var started = Stopwatch.GetTimestamp();
        var page = await http.GetFromJsonAsync<IncidentPage>(url, Amends.Api.ApiJson.Options);
        if (run >= 10)
        {
            samples.Add(Stopwatch.GetElapsedTime(started));
        }

        if (page!.Items.Count == 0)
        {
            throw new InvalidOperationException("The queue is empty: seeding failed.");
        }
    }

    Console.WriteLine($"list {label} of {queueSize + incidents}: {samples}");
}

var seeded = await ReportReads.SeedAsync(services.GetRequiredService<CostLedger>(), services.GetRequiredService<ResponseTimes>(), reportIncidents);
Console.WriteLine($"seeded the reports with {reportIncidents} closed incidents in {seeded.TotalSeconds:F1} s");
foreach (var (report, reads) in await ReportReads.MeasureAsync(http))
{
    Console.WriteLine($"read {report} with {reportIncidents} incidents behind it: {reads}");
}
