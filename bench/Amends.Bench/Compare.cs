using System.Diagnostics;
using System.Globalization;
using Amends.Testing;

namespace Amends.Bench;

/// <summary>
/// The same workload against two durable configurations of the same server, one after the other, each on
/// its own Azurite (docs/performance.md): Amends' server settings, and the settings a store gets from a plain
/// Durable Functions app on the Azure Storage provider (host.json defaults). Prints each figure for both
/// and their ratio, as a Markdown table.
/// </summary>
internal static class Compare
{
    private const string Secret = "bench-inbound-secret-0001";

    /// <summary>The server's own durable settings (DurableOptions' defaults; ServerProcess would set the tests' 0.5 s polling).</summary>
    public static IReadOnlyDictionary<string, string> AmendsServer { get; } = new Dictionary<string, string>
    {
        ["Amends__Durable__MaxQueuePollingInterval"] = "00:00:01",
    };

    /// <summary>
    /// Durable Functions' defaults on the Azure Storage provider for a Premium or Dedicated plan (host.json
    /// <c>durableTask</c> left out): polling back-off up to 30 s, 4 partitions, queue messages invisible 5 min
    /// after a crash, partition leases of 30 s, the app lease on, 10 activities and 10 orchestrations per core,
    /// a control-queue buffer of 256, and the storage SDK's own retry waits (up to 1 minute).
    /// </summary>
    public static IReadOnlyDictionary<string, string> FunctionsDefaults { get; } = new Dictionary<string, string>
    {
        ["Amends__Durable__MaxQueuePollingInterval"] = "00:00:30",
        ["Amends__Durable__PartitionCount"] = "4",
        ["Amends__Durable__VisibilityTimeout"] = "00:05:00",
        ["Amends__Durable__LeaseInterval"] = "00:00:30",
        ["Amends__Durable__StorageRetryMaxDelay"] = "00:01:00",
        ["Amends__Durable__UseAppLease"] = "true",
        ["Amends__Durable__MaxConcurrentActivities"] = (10 * Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
        ["Amends__Durable__MaxConcurrentOrchestrations"] = (10 * Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
        ["Amends__Durable__ControlQueueBufferThreshold"] = "256",
    };

    public static async Task RunAsync(int incidents, int posts, TimeSpan intake, TimeSpan outage)
    {
        Console.WriteLine($"Amends side by side, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores: {incidents} creates 4 at a time, {posts} SendGrid posts one at a time, intake {intake.TotalSeconds:F0} s at 8, outages of {outage.TotalSeconds:F0} s");
        var amends = await MeasureAsync("Amends server", AmendsServer, incidents, posts, intake, outage);
        var functions = await MeasureAsync("Durable Functions defaults", FunctionsDefaults, incidents, posts, intake, outage);

        Console.WriteLine();
        Console.WriteLine("| figure | Amends server | Durable Functions defaults | ratio (Functions ÷ Amends) |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (figure, value) in amends)
        {
            var other = functions.FirstOrDefault(f => f.Figure == figure).Value;
            var ratio = value == 0 ? "–" : (other / value).ToString("0.0#", CultureInfo.InvariantCulture) + "×";
            Console.WriteLine($"| {figure} | {Format(value)} | {Format(other)} | {ratio} |");
        }
    }

    private static async Task<List<(string Figure, double Value)>> MeasureAsync(
        string name, IReadOnlyDictionary<string, string> durable, int incidents, int posts, TimeSpan intake, TimeSpan outage)
    {
        List<(string, double)> figures = [];
        Console.WriteLine($"— {name}: {string.Join(", ", durable.Select(d => $"{d.Key.Replace("Amends__Durable__", "", StringComparison.Ordinal)}={d.Value}"))}; load average {LoadAverage()}");
        await using (var azurite = await AzuriteProcess.StartAsync(countRequests: true))
        await using (var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>(durable)
        {
            ["Amends__Storage__TablePrefix"] = "c" + Guid.NewGuid().ToString("N")[..8],
            ["Amends__InboundSecret"] = Secret,
        }))
        {
            // Idle: the engine's polls, lease renewals and the server's own timers, after start-up settled.
            await Task.Delay(TimeSpan.FromSeconds(15));
            var before = azurite.Requests;
            var idle = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(60));
            var perMinute = (azurite.Requests - before) / idle.Elapsed.TotalMinutes;
            Console.WriteLine($"idle storage requests: {perMinute:F0} a minute; load average {LoadAverage()}");
            figures.Add(("idle storage requests a minute", perMinute));
            figures.Add(("idle storage requests a month (30 days), millions", perMinute * 60 * 24 * 30 / 1e6));

            using var http = server.CreateClient();
            Latencies requests = new();
            before = azurite.Requests;
            var creating = Stopwatch.StartNew();
            var acknowledged = await CreateToAcknowledgement.MeasureAsync(http, server.OutboxPath, incidents, concurrency: 4, requests);

            // What the incidents cost storage from the create until each waits under its silence timer, less the idle polling meanwhile.
            var perIncident = (azurite.Requests - before - perMinute * creating.Elapsed.TotalMinutes) / incidents;
            figures.Add(("storage requests per incident (create → acknowledged, waiting)", perIncident));
            Console.WriteLine($"create → acknowledgement, {incidents} at 4 concurrent: {acknowledged}; the create request alone: {requests}; {perIncident:F1} storage requests per incident; load average {LoadAverage()}");
            AddLatencies(figures, "create → acknowledgement (4 concurrent)", acknowledged);
            figures.Add(("create request alone p50, ms", requests.Percentile(50).TotalMilliseconds));

            var inbound = await InboundToAcknowledgement.MeasureAsync(http, server.OutboxPath, Secret, posts);
            Console.WriteLine($"SendGrid post → acknowledgement, {posts} one at a time: {inbound}; load average {LoadAverage()}");
            AddLatencies(figures, "SendGrid post with photo → acknowledgement (one at a time)", inbound);

            var creates = await Intake.CreatesAsync(server, intake, concurrency: 8);
            Report("creates", creates);
            AddIntake(figures, "creates", creates);
            var mails = await Intake.PostsAsync(server, Secret, intake, concurrency: 8);
            Report("SendGrid posts with a photo", mails);
            AddIntake(figures, "SendGrid posts", mails);
        }

        var recovery = await Recovery.MeasureAsync(1, outage, durable);
        Console.WriteLine($"storage back → acknowledged {recovery.AcknowledgedAfterOutage}; graceful stop {recovery.Stops}; graceful restart → acknowledged {recovery.AcknowledgedAfterStop}; kill -9 → acknowledged {recovery.AcknowledgedAfterKill}; load average {LoadAverage()}");
        figures.Add(($"storage back after {outage.TotalSeconds:F0} s → new incident acknowledged, s", recovery.AcknowledgedAfterOutage.Percentile(50).TotalSeconds));
        figures.Add(("graceful stop (SIGTERM → exited), s", recovery.Stops.Percentile(50).TotalSeconds));
        figures.Add(("graceful restart, health → new incident acknowledged, s", recovery.AcknowledgedAfterStop.Percentile(50).TotalSeconds));
        figures.Add(("kill -9, restart, health → new incident acknowledged, s", recovery.AcknowledgedAfterKill.Percentile(50).TotalSeconds));
        return figures;
    }

    private static void Report(string what, IntakeFigures intake) => Console.WriteLine(
        $"intake of {what} at 8 concurrent: {intake.PerSecond:F1}/s ({intake.Sent} answered, {intake.Acknowledged} acknowledged); request {intake.Requests}; " +
        $"acknowledgement {intake.Acknowledgements}; within 2 s {intake.WithinTwoSeconds:P0}; server peak {intake.PeakMegabytes:F0} MB; load average {LoadAverage()}");

    private static void AddLatencies(List<(string, double)> figures, string what, Latencies latencies)
    {
        figures.Add(($"{what} p50, ms", latencies.Percentile(50).TotalMilliseconds));
        figures.Add(($"{what} p95, ms", latencies.Percentile(95).TotalMilliseconds));
        figures.Add(($"{what} max, ms", latencies.Percentile(100).TotalMilliseconds));
    }

    private static void AddIntake(List<(string, double)> figures, string what, IntakeFigures intake)
    {
        figures.Add(($"intake of {what} at 8 concurrent, per second", intake.PerSecond));
        figures.Add(($"intake of {what}: acknowledgement p95, ms", intake.Acknowledgements.Percentile(95).TotalMilliseconds));
        figures.Add(($"intake of {what}: acknowledgement max, ms", intake.Acknowledgements.Percentile(100).TotalMilliseconds));
        figures.Add(($"intake of {what}: acknowledged within 2 s, %", intake.WithinTwoSeconds * 100));
        figures.Add(($"intake of {what}: server peak memory, MB", intake.PeakMegabytes));
    }

    private static string Format(double value) => value.ToString(value >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);

    /// <summary>The machine's 1-minute load average, to print beside each figure.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
