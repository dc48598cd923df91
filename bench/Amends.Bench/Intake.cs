using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Amends.Api;
using Amends.Inbound;
using Amends.Testing;

namespace Amends.Bench;

/// <summary>
/// Sustained intake (docs/performance.md): <c>concurrency</c> senders post back to back for a while, each
/// create or SendGrid post answered before the next; then every acknowledgement's time is read from its
/// outbox file name (the server's clock, the same machine's) against the moment its request was sent.
/// The server's peak memory is its VmHWM, reset before the run.
/// </summary>
internal static class Intake
{
    private const string Sample = "italian-broken-part-with-photo.eml";

    /// <summary>Creates through <c>POST /api/v1/incidents</c>.</summary>
    public static Task<IntakeFigures> CreatesAsync(ServerProcess server, TimeSpan duration, int concurrency) =>
        RunAsync(server, duration, concurrency, async (http, n) =>
        {
            var response = await http.PostAsJsonAsync("/api/v1/incidents", new
            {
                customerEmail = $"intake{n}@example.com",
                customerName = "Intake",
                language = "en",
                orderNumber = $"I-{n}",
                description = "The lid arrived cracked.",
            });
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<IncidentView>(ApiJson.Options))!.Incident.Id;
        });

    /// <summary>SendGrid posts of a raw Italian email with a JPEG photo.</summary>
    public static async Task<IntakeFigures> PostsAsync(ServerProcess server, string secret, TimeSpan duration, int concurrency)
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "Amends.Tests", "Inbound", "Samples", Sample));
        return await RunAsync(server, duration, concurrency, async (http, n) =>
        {
            // A new Message-ID each time, or the dedupe would (rightly) answer from the first post.
            // And a sender of its own: one customer's every new email is noted on each of their other open
            // incidents as a possible duplicate, a cost that grows with their open incidents, not with intake.
            var sender = $"cliente{n}@example.it";
            var mail = sample.Replace("<20261103091512.4f2a9c@mail.example.it>", $"<intake-{n}-{Guid.NewGuid():N}@mail.example.it>", StringComparison.Ordinal)
                .Replace("giulia.rossi@example.it", sender, StringComparison.Ordinal);
            using var form = new MultipartFormDataContent
            {
                { new StringContent("incidents@shop.example"), "to" },
                { new StringContent(sender), "from" },
                { new StringContent(mail), "email" },
            };
            var response = await http.PostAsync($"/api/v1/inbound/sendgrid?key={secret}", form);
            while (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                // The inbound route takes a few posts at a time (Amends:Inbound:MaxConcurrentPosts) and answers the
                // rest 503; SendGrid posts again later, here after 200 ms.
                await Task.Delay(200);
                response = await http.PostAsync($"/api/v1/inbound/sendgrid?key={secret}", form);
            }

            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<InboundOutcome>(ApiJson.Options))!.IncidentId!;
        });
    }

    private static async Task<IntakeFigures> RunAsync(ServerProcess server, TimeSpan duration, int concurrency, Func<HttpClient, int, Task<string>> send)
    {
        using var http = server.CreateClient();
        ResetPeakMemory(server.ProcessId);
        var sent = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTime>();
        Latencies requests = new();
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var n = Interlocked.Increment(ref next);
                var at = DateTime.UtcNow;
                var request = Stopwatch.GetTimestamp();
                var id = await send(http, n);
                requests.Add(Stopwatch.GetElapsedTime(request));
                sent[id] = at;
            }
        }));
        var took = Stopwatch.GetElapsedTime(started);

        // Waits for the acknowledgements still in flight, at most two minutes.
        Dictionary<string, DateTime> acknowledged = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while ((acknowledged = Acknowledgements(server.OutboxPath)).Keys.Count(sent.ContainsKey) < sent.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Latencies acknowledgements = new();
        var withinTwoSeconds = 0;
        foreach (var (id, at) in sent)
        {
            if (acknowledged.TryGetValue(id, out var written))
            {
                acknowledgements.Add(written - at);
                withinTwoSeconds += written - at <= TimeSpan.FromSeconds(2) ? 1 : 0;
            }
        }

        return new IntakeFigures(sent.Count / took.TotalSeconds, sent.Count, acknowledgements.Count, requests, acknowledgements,
            (double)withinTwoSeconds / sent.Count, PeakMegabytes(server.ProcessId));
    }

    /// <summary>The acknowledgement emails in the outbox by incident, with the time each was written (from the file name).</summary>
    private static Dictionary<string, DateTime> Acknowledgements(string outbox)
    {
        Dictionary<string, DateTime> found = [];
        if (!Directory.Exists(outbox))
        {
            return found;
        }

        foreach (var file in Directory.EnumerateFiles(outbox, "*.acknowledgement_*.eml"))
        {
            if (OutboxFile.Parse(Path.GetFileName(file)) is { } email)
            {
                found[email.Incident] = email.WrittenAt;
            }
        }

        return found;
    }

    /// <summary>Writing 5 to clear_refs resets the process's peak resident memory (VmHWM) on Linux.</summary>
    private static void ResetPeakMemory(int? pid)
    {
        if (pid is { } id && File.Exists($"/proc/{id}/clear_refs"))
        {
            File.WriteAllText($"/proc/{id}/clear_refs", "5");
        }
    }

    private static double PeakMegabytes(int? pid)
    {
        var line = pid is { } id && File.Exists($"/proc/{id}/status")
            ? File.ReadLines($"/proc/{id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            : null;
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024d;
    }
}

/// <summary>What a sustained intake run measured.</summary>
/// <param name="PerSecond">Requests answered per second over the run.</param>
/// <param name="Sent">Requests answered.</param>
/// <param name="Acknowledged">Of those, incidents whose acknowledgement reached the outbox.</param>
/// <param name="Requests">Each request's own time, sent → answered.</param>
/// <param name="Acknowledgements">Request sent → acknowledgement written.</param>
/// <param name="WithinTwoSeconds">Share of the requests acknowledged within 2 s.</param>
/// <param name="PeakMegabytes">The server's peak resident memory during the run.</param>
internal sealed record IntakeFigures(
    double PerSecond, int Sent, int Acknowledged, Latencies Requests, Latencies Acknowledgements, double WithinTwoSeconds, double PeakMegabytes);

/// <summary>
/// Where an intake's storage requests and CPU go (docs/performance.md, issue 17): a server over its own Azurite whose
/// access log is read line by line, so every request is counted by method, resource and status, and both processes'
/// CPU time is read from /proc before and after. Counts and CPU milliseconds per incident do not depend on how busy
/// the machine is, so they prove a cut where wall-clock figures on a shared machine cannot.
/// </summary>
internal static class IntakeProfile
{
    private const string Secret = "bench-inbound-secret-0001";
    private const string Prefix = "ip";
    private const string Hub = "intakehub";

    /// <summary>Runs <c>creates</c>, <c>posts</c> or both for <paramref name="duration"/> at <paramref name="concurrency"/>, with the server's own durable settings.</summary>
    public static async Task RunAsync(string what, TimeSpan duration, int concurrency, IReadOnlyDictionary<string, string> settings)
    {
        await using var azurite = await CountedAzurite.StartAsync();
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>(Compare.AmendsServer)
        {
            ["Amends__Storage__TablePrefix"] = Prefix,
            ["Amends__Durable__TaskHubName"] = Hub,
            ["Amends__InboundSecret"] = Secret,
        }.Concat(settings).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        var pid = server.ProcessId ?? throw new InvalidOperationException("The server is not running.");
        Console.WriteLine($"intake profile, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, load average {Compare.LoadAverage()}; {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}");

        // Warm up (JIT, tables, queues, the language models) and let start-up's requests settle.
        using (var http = server.CreateClient())
        {
            for (var i = 0; i < 5; i++)
            {
                await http.PostAsJsonAsync("/api/v1/incidents", new { customerEmail = $"warm{i}@example.com", customerName = "Warm", language = "en", orderNumber = $"W-{i}", description = "Warm up." });
            }
        }

        if (what is "posts" or "both")
        {
            await Intake.PostsAsync(server, Secret, TimeSpan.FromSeconds(3), 2);
        }

        await Task.Delay(TimeSpan.FromSeconds(15));
        var idle = Snapshot.Take(azurite, pid);
        await Task.Delay(TimeSpan.FromSeconds(20));
        var idleRate = Snapshot.Take(azurite, pid).Minus(idle).PerSecond();
        Console.WriteLine($"idle: {idleRate.Requests:F1} storage requests/s, server {idleRate.ServerCpuMs:F0} ms CPU/s, Azurite {idleRate.AzuriteCpuMs:F0} ms CPU/s");

        if (what is "creates" or "both")
        {
            await MeasureAsync("creates", concurrency, azurite, server, idleRate, () => Intake.CreatesAsync(server, duration, concurrency));
        }

        if (what is "posts" or "both")
        {
            await MeasureAsync("SendGrid posts with a photo", concurrency, azurite, server, idleRate, () => Intake.PostsAsync(server, Secret, duration, concurrency));
        }
    }

    private static async Task MeasureAsync(string what, int concurrency, CountedAzurite azurite, ServerProcess server, Snapshot idleRate, Func<Task<IntakeFigures>> run)
    {
        var pid = server.ProcessId!.Value;
        var before = Snapshot.Take(azurite, pid);
        var load = Compare.LoadAverage();
        var figures = await run();

        // Every acknowledgement is in (RunAsync waited); the keep-informed step follows it, so give it a moment to end
        // waiting under the silence timer, then take the idle polling meanwhile away.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var spent = Snapshot.Take(azurite, pid).Minus(before);
        var busy = spent.Minus(idleRate.Times(spent.Seconds));
        var n = figures.Sent;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} at {concurrency}: {figures.PerSecond:F1}/s ({n} answered, {figures.Acknowledged} acknowledged) over the run; request {figures.Requests}; " +
            $"acknowledgement {figures.Acknowledgements}; within 2 s {figures.WithinTwoSeconds:P0}; server peak {figures.PeakMegabytes:F0} MB; load average {load} → {Compare.LoadAverage()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per incident (idle taken away): {busy.Requests / n:F1} storage requests, server {busy.ServerCpuMs / n:F1} ms CPU, Azurite {busy.AzuriteCpuMs / n:F1} ms CPU " +
            $"({busy.AzuriteCpuMs / Math.Max(1, busy.Requests):F2} ms a request); without taking idle away: {spent.Requests / n:F1} requests, " +
            $"server {spent.ServerCpuMs / n:F1} ms, Azurite {spent.AzuriteCpuMs / n:F1} ms CPU; Azurite answered {spent.Requests / spent.Seconds:F0} requests/s on average over {spent.Seconds:F0} s"));
        foreach (var (kind, count) in spent.ByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value))
        {
            var idleShare = idleRate.ByKind.GetValueOrDefault(kind) * spent.Seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(count - idleShare) / n,6:F2}  {kind}"));
        }
    }

    /// <summary>Storage requests (by kind) and CPU time of the server and Azurite at one moment, or over an interval.</summary>
    private sealed record Snapshot(double Seconds, double Requests, double ServerCpuMs, double AzuriteCpuMs, IReadOnlyDictionary<string, double> ByKind)
    {
        public static Snapshot Take(CountedAzurite azurite, int server) => new(
            Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency, azurite.Requests, CpuMilliseconds(server), CpuMilliseconds(azurite.ProcessId), azurite.ByKind());

        public Snapshot Minus(Snapshot other) => new(
            Seconds - other.Seconds, Requests - other.Requests, ServerCpuMs - other.ServerCpuMs, AzuriteCpuMs - other.AzuriteCpuMs,
            ByKind.ToDictionary(k => k.Key, k => k.Value - other.ByKind.GetValueOrDefault(k.Key)));

        public Snapshot PerSecond() => Times(1 / Seconds) with { Seconds = 1 };

        public Snapshot Times(double factor) => new(
            Seconds, Requests * factor, ServerCpuMs * factor, AzuriteCpuMs * factor, ByKind.ToDictionary(k => k.Key, k => k.Value * factor));
    }

    /// <summary>User and system CPU time of a process (fields 14 and 15 of /proc/pid/stat, in clock ticks of 10 ms).</summary>
    public static double CpuMilliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10d;
    }
}

/// <summary>
/// Azurite in memory with its access log read line by line: requests counted by kind (method, table or queue or
/// container with the prefixes taken out, status), and its process id for its CPU time.
/// </summary>
internal sealed partial class CountedAzurite : IAsyncDisposable
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> kinds = new();
    private readonly Process process;
    private long requests;

    private CountedAzurite(Process process, int blob, int queue, int table)
    {
        this.process = process;
        ConnectionString = string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{blob}/{Account};" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/{Account};TableEndpoint=http://127.0.0.1:{table}/{Account};");
    }

    public string ConnectionString { get; }

    public int ProcessId => process.Id;

    public long Requests => Interlocked.Read(ref requests);

    public IReadOnlyDictionary<string, double> ByKind() => kinds.ToDictionary(k => k.Key, k => (double)k.Value);

    public static async Task<CountedAzurite> StartAsync()
    {
        var (blob, queue, table) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var start = new ProcessStartInfo(Path.Combine(Repository.Root, "node_modules", ".bin", "azurite"))
        {
            WorkingDirectory = Directory.CreateTempSubdirectory("amends-azurite-").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--skipApiVersionCheck", "--loose", "--inMemoryPersistence", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blob.ToString(CultureInfo.InvariantCulture), "--queuePort", queue.ToString(CultureInfo.InvariantCulture), "--tablePort", table.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var azurite = new CountedAzurite(Process.Start(start)!, blob, queue, table);
        azurite.process.OutputDataReceived += (_, e) => azurite.Count(e.Data);
        azurite.process.ErrorDataReceived += (_, _) => { };
        azurite.process.BeginOutputReadLine();
        azurite.process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var port in new[] { blob, queue, table })
        {
            while (!await FreePorts.AcceptsConnectionsAsync(port, timeout.Token))
            {
                await Task.Delay(100, timeout.Token);
            }
        }

        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private void Count(string? line)
    {
        var match = line is null ? null : AccessLine().Match(line);
        if (match is not { Success: true })
        {
            return;
        }

        Interlocked.Increment(ref requests);
        var resource = match.Groups["resource"].Value;
        resource = resource.Contains('(', StringComparison.Ordinal) ? resource[..resource.IndexOf('(', StringComparison.Ordinal)] + "(…)" : resource;
        var segments = resource.Split('/');
        resource = segments.Length > 1 && segments[1] != "messages" ? segments[0] + "/…" : string.Join('/', segments.Take(2));
        kinds.AddOrUpdate($"{match.Groups["method"].Value} {resource} {match.Groups["status"].Value}", 1, (_, n) => n + 1);
    }

    // 127.0.0.1 - - [time] "GET /devstoreaccount1/queue/messages?… HTTP/1.1" 200 -
    [System.Text.RegularExpressions.GeneratedRegex("\"(?<method>[A-Z]+) /devstoreaccount1/(?<resource>[^? ]*)[^ ]* HTTP/1.1\" (?<status>\\d+)")]
    private static partial System.Text.RegularExpressions.Regex AccessLine();
}

/// <summary>
/// How many storage requests a second this machine's Azurite answers for an incident's mix of requests, and its CPU
/// time per request (docs/performance.md, issue 17): the ceiling of creates a second is that divided by the requests
/// one incident makes. <c>workers</c> loops each insert an incident's rows in one transaction, write three index rows,
/// read a row back, query a partition, and put, get and delete a queue message, with nothing else in between.
/// </summary>
internal static class AzuriteCeiling
{
    public static async Task RunAsync(TimeSpan duration, int workers)
    {
        await using var azurite = await CountedAzurite.StartAsync();
        var tables = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString);
        var rows = tables.GetTableClient("ceilingrows");
        var index = tables.GetTableClient("ceilingindex");
        var queue = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, "ceiling");
        await rows.CreateIfNotExistsAsync();
        await index.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        Console.WriteLine($"Azurite ceiling, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, {workers} workers, load average {Compare.LoadAverage()}");

        var (requests, cpu) = (azurite.Requests, IntakeProfile.CpuMilliseconds(azurite.ProcessId));
        var started = Stopwatch.GetTimestamp();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var id = $"I{Interlocked.Increment(ref next):D8}";
                await rows.SubmitTransactionAsync(
                [
                    new(Azure.Data.Tables.TableTransactionActionType.Add, new Azure.Data.Tables.TableEntity(id, "incident") { ["Text"] = new string('x', 400) }),
                    new(Azure.Data.Tables.TableTransactionActionType.Add, new Azure.Data.Tables.TableEntity(id, "timeline|1") { ["Text"] = "Reported." }),
                ]);
                await Task.WhenAll(new[] { "all", "order|" + id, "customer|" + id }.Select(p =>
                    index.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(p, "0|" + id) { ["IncidentId"] = id })));
                await rows.GetEntityAsync<Azure.Data.Tables.TableEntity>(id, "incident");
                await rows.QueryAsync<Azure.Data.Tables.TableEntity>($"PartitionKey eq '{id}'").AsPages().FirstAsync();

                await queue.SendMessageAsync(id);
                if ((await queue.ReceiveMessageAsync()).Value is { } message)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var (answered, spent) = (azurite.Requests - requests, IntakeProfile.CpuMilliseconds(azurite.ProcessId) - cpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{answered / seconds:F0} storage requests/s over {seconds:F0} s ({answered} requests); Azurite {spent / answered:F2} ms CPU a request, " +
            $"{spent / seconds / 10:F0} % of a core; load average {Compare.LoadAverage()}"));
    }
}
