using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Amends.Api;
using Amends.Testing;

namespace Amends.Bench;

/// <summary>
/// How fast Amends is back after something went away (docs/performance.md): storage down and back
/// (the server kept running), a graceful stop and a <c>kill -9</c> of the server and its restart, each
/// measured as the time until a new incident is acknowledged; and how long a graceful stop takes.
/// </summary>
internal static partial class Recovery
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(int rounds, TimeSpan outage)
    {
        // The server's own default (1 s), not the tests' 0.5 s.
        var figures = await MeasureAsync(rounds, outage, new Dictionary<string, string> { ["Amends__Durable__MaxQueuePollingInterval"] = "00:00:01" });
        Console.WriteLine($"storage back → create answered 201: {figures.ApiBack}");
        Console.WriteLine($"storage back → new incident acknowledged: {figures.AcknowledgedAfterOutage}");
        Console.WriteLine($"graceful stop (SIGTERM → exited): {figures.Stops}");
        Console.WriteLine($"graceful stop, restart, health answers → new incident acknowledged: {figures.AcknowledgedAfterStop}");
        Console.WriteLine($"kill -9, restart, health answers → new incident acknowledged: {figures.AcknowledgedAfterKill}");
    }

    /// <summary>The rounds of storage outage, graceful restart and <c>kill -9</c> on a server with <paramref name="settings"/>.</summary>
    public static async Task<RecoveryFigures> MeasureAsync(int rounds, TimeSpan outage, IReadOnlyDictionary<string, string> settings)
    {
        var data = Directory.CreateTempSubdirectory("amends-bench-storage-");
        await using var azurite = await AzuriteProcess.StartAsync(data.FullName);
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>(settings)
        {
            ["Amends__Storage__TablePrefix"] = "r" + Guid.NewGuid().ToString("N")[..8],
        });
        Console.WriteLine($"Amends recovery benchmark, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, {rounds} rounds, outages of {outage.TotalSeconds:F0} s");
        await AcknowledgedAsync(server, await CreateAsync(server, 0));

        RecoveryFigures figures = new(new(), new(), new(), new(), new());
        for (var round = 1; round <= rounds; round++)
        {
            // Storage away while the server runs on: the engine's polling backs off meanwhile. Closed, not
            // killed: a kill makes Azurite forget the last 5 s of writes (once, the whole task hub and the
            // tables made at start), which is lost data, not an outage.
            await azurite.CloseAsync();
            await Task.Delay(outage);
            await azurite.StartAsync();
            var back = Stopwatch.GetTimestamp();
            var id = await CreateAsync(server, round * 10 + 1);
            figures.ApiBack.Add(Stopwatch.GetElapsedTime(back));
            await AcknowledgedAsync(server, id);
            figures.AcknowledgedAfterOutage.Add(Stopwatch.GetElapsedTime(back));

            figures.Stops.Add(await server.StopAsync());
            await server.StartAsync();
            var healthy = Stopwatch.GetTimestamp();
            await AcknowledgedAsync(server, await CreateAsync(server, round * 10 + 2));
            figures.AcknowledgedAfterStop.Add(Stopwatch.GetElapsedTime(healthy));

            await server.KillAsync();
            await server.StartAsync();
            healthy = Stopwatch.GetTimestamp();
            await AcknowledgedAsync(server, await CreateAsync(server, round * 10 + 3));
            figures.AcknowledgedAfterKill.Add(Stopwatch.GetElapsedTime(healthy));
            Console.WriteLine($"round {round} done");
        }

        SaveLog(server);

        // Azurite writes to its data folder until it is gone.
        await azurite.StopAsync();
        data.Delete(recursive: true);
        return figures;
    }

    /// <summary>Keeps what the server printed (the durable engine's warnings among it) beside the figures.</summary>
    private static void SaveLog(ServerProcess server)
    {
        var path = Path.Combine(Path.GetTempPath(), $"amends-recovery-server-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.log");
        File.WriteAllText(path, server.Log.ToString());
        Console.WriteLine($"server log: {path}");
    }

    /// <summary>
    /// Creates an incident, trying again while the server answers 5xx or not at all; prints each new kind
    /// of failed answer (status and problem body, or the exception) with the time since the first try, and
    /// the server's log when it gives up.
    /// </summary>
    private static async Task<string> CreateAsync(ServerProcess server, int n)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = DateTimeOffset.UtcNow + Patience;
        string? lastFailure = null;
        var failures = 0;
        while (true)
        {
            string failure;
            try
            {
                using var http = server.CreateClient();
                http.Timeout = TimeSpan.FromSeconds(10);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents")
                {
                    Content = JsonContent.Create(new
                    {
                        customerEmail = $"recovery{n}@example.com",
                        customerName = "Recovery",
                        language = "en",
                        orderNumber = $"R-{n}",
                        description = "The lid arrived cracked.",
                    }),
                };
                request.Headers.Add(IncidentsApi.IdempotencyKeyHeader, $"recovery-{n}");
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    if (failures > 0)
                    {
                        Console.WriteLine($"  create {n}: {(int)response.StatusCode} after {failures} failed tries, {Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s");
                    }

                    return (await response.Content.ReadFromJsonAsync<IncidentView>(ApiJson.Options))!.Incident.Id;
                }

                // The trace id differs on every answer: leave it out so only new kinds of failure are printed.
                failure = $"{(int)response.StatusCode} {TraceId().Replace(await response.Content.ReadAsStringAsync(), "")}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failure = $"{e.GetType().Name}: {e.Message}";
            }

            failures++;
            if (failure != lastFailure)
            {
                Console.WriteLine($"  create {n} at {Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s: {failure}");
                lastFailure = failure;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                SaveLog(server);
                throw new TimeoutException($"No incident could be created for {Patience}.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task AcknowledgedAsync(ServerProcess server, string id)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!Directory.Exists(server.OutboxPath) || !Directory.EnumerateFiles(server.OutboxPath, $"*{id}.acknowledgement*.eml").Any())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                SaveLog(server);
                throw new TimeoutException($"{id} was not acknowledged within {Patience}.");
            }

            await Task.Delay(10);
        }
    }

    [GeneratedRegex(@",?""traceId"":""[^""]*""")]
    private static partial Regex TraceId();
}

/// <summary>What <see cref="Recovery.MeasureAsync"/> measured, one sample per round each.</summary>
internal sealed record RecoveryFigures(
    Latencies ApiBack, Latencies AcknowledgedAfterOutage, Latencies Stops, Latencies AcknowledgedAfterStop, Latencies AcknowledgedAfterKill);
