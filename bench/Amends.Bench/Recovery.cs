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
        var data = Directory.CreateTempSubdirectory("amends-bench-storage-");
        await using var azurite = await AzuriteProcess.StartAsync(data.FullName);
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = "r" + Guid.NewGuid().ToString("N")[..8],

            // The server's own default (1 s), not the tests' 0.5 s.
            ["Amends__Durable__MaxQueuePollingInterval"] = "00:00:01",
        });
        Console.WriteLine($"Amends recovery benchmark, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, {rounds} rounds, outages of {outage.TotalSeconds:F0} s");
        await AcknowledgedAsync(server, await CreateAsync(server, 0));

        Latencies apiBack = new(), ackAfterStorage = new(), stops = new(), ackAfterStop = new(), ackAfterKill = new();
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
            apiBack.Add(Stopwatch.GetElapsedTime(back));
            await AcknowledgedAsync(server, id);
            ackAfterStorage.Add(Stopwatch.GetElapsedTime(back));

            stops.Add(await server.StopAsync());
            await server.StartAsync();
            var healthy = Stopwatch.GetTimestamp();
            await AcknowledgedAsync(server, await CreateAsync(server, round * 10 + 2));
            ackAfterStop.Add(Stopwatch.GetElapsedTime(healthy));

            await server.KillAsync();
            await server.StartAsync();
            healthy = Stopwatch.GetTimestamp();
            await AcknowledgedAsync(server, await CreateAsync(server, round * 10 + 3));
            ackAfterKill.Add(Stopwatch.GetElapsedTime(healthy));
            Console.WriteLine($"round {round} done");
        }

        Console.WriteLine($"storage back → create answered 201: {apiBack}");
        Console.WriteLine($"storage back → new incident acknowledged: {ackAfterStorage}");
        Console.WriteLine($"graceful stop (SIGTERM → exited): {stops}");
        Console.WriteLine($"graceful stop, restart, health answers → new incident acknowledged: {ackAfterStop}");
        Console.WriteLine($"kill -9, restart, health answers → new incident acknowledged: {ackAfterKill}");
        SaveLog(server);

        // Azurite writes to its data folder until it is gone.
        await azurite.StopAsync();
        data.Delete(recursive: true);
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
