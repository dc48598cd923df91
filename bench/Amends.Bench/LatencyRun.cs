using System.Globalization;
using System.Text.RegularExpressions;
using Amends.Testing;

namespace Amends.Bench;

/// <summary>
/// Create → acknowledgement in the outbox at 4 concurrent, incident by incident (docs/performance.md, issue 17):
/// which incidents are slow (the first after the start, or any), and, traced, where each one's time went
/// between the create and the email, read from the durable engine's own log. Also the server's CPU time and
/// the storage requests per incident, which the load of a shared machine does not move.
/// </summary>
internal static partial class LatencyRun
{
    private const int Concurrency = 4;

    /// <summary>The stages of one incident, in order, each as the first log line that marks it.</summary>
    private static readonly (string Stage, Regex Line)[] Stages =
    [
        ("start sent", SendingStart()),
        ("start fetched", FetchedStart()),
        ("history read", HistoryRead()),
        ("Acknowledge scheduled", SendingActivity()),
        ("Acknowledge fetched", FetchedActivity()),
    ];

    /// <summary>Runs the creates and prints where their time went.</summary>
    /// <param name="incidents">How many to measure.</param>
    /// <param name="warmup">How many to run first after the server started, reported apart.</param>
    /// <param name="traced">Turns the engine's Information log on, to time the stages.</param>
    /// <param name="listing">Each caller lists the outbox every 5 ms, as the bench did before (to compare).</param>
    public static async Task RunAsync(int incidents, int warmup, bool traced, bool listing)
    {
        Console.WriteLine($"create → acknowledgement, {warmup} + {incidents} incidents {Concurrency} at a time{(traced ? ", traced" : "")}{(listing ? ", each caller listing the outbox" : "")}, {DateTimeOffset.UtcNow:u}; load average {Compare.LoadAverage()}");
        Dictionary<string, string> settings = new(Compare.AmendsServer)
        {
            ["Amends__Storage__TablePrefix"] = "l" + Guid.NewGuid().ToString("N")[..8],
        };
        if (traced)
        {
            settings["Logging__LogLevel__DurableTask.AzureStorage"] = "Information";
            settings["Logging__Console__FormatterName"] = "simple";
            settings["Logging__Console__FormatterOptions__SingleLine"] = "true";
            settings["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
            settings["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.ffffff ";
        }

        // SERVER_X=value in the bench's environment sets X in the server's only (runtime knobs such as DOTNET_TieredPGO).
        foreach (var (key, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, (string?)e.Value)).Where(e => e.Item1.StartsWith("SERVER_", StringComparison.Ordinal)))
        {
            settings[key["SERVER_".Length..]] = value ?? "";
        }

        await using var azurite = await AzuriteProcess.StartAsync(countRequests: true);
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, settings);
        using var http = server.CreateClient();
        Console.WriteLine($"server CPU from its start until healthy: {CpuTime(server.ProcessId).TotalMilliseconds:F0} ms");
        var started = DateTime.UtcNow;
        List<IncidentTiming> timings = [];
        foreach (var (phase, count) in new[] { ($"warm-up, the first {warmup} after the start", warmup), ("measured", incidents) })
        {
            if (count == 0)
            {
                continue;
            }

            var requestsBefore = azurite.Requests;
            var cpuBefore = CpuTime(server.ProcessId);
            var benchCpuBefore = CpuTime(Environment.ProcessId);
            var phaseStarted = DateTime.UtcNow;
            var phaseTimings = await CreateToAcknowledgement.RecordAsync(http, server.OutboxPath, count, Concurrency, listing, firstIndex: timings.Count);
            var took = DateTime.UtcNow - phaseStarted;
            var cpu = CpuTime(server.ProcessId) - cpuBefore;
            var requests = azurite.Requests - requestsBefore;
            var benchCpu = CpuTime(Environment.ProcessId) - benchCpuBefore;
            timings.AddRange(phaseTimings);

            Console.WriteLine($"— {phase}: {count} incidents in {took.TotalSeconds:F1} s; load average {Compare.LoadAverage()}");
            Console.WriteLine($"create → acknowledgement: {Of(phaseTimings)}");
            Console.WriteLine($"the create request alone: {Of(phaseTimings.Select(t => t.Answered - t.Sent))}");
            Console.WriteLine($"email written → seen by the bench: {Of(phaseTimings.Select(t => t.Seen - t.Written))}");
            Console.WriteLine($"per incident: server CPU {cpu.TotalMilliseconds / count:F1} ms, {(double)requests / count:F1} storage requests (idle polling included), the bench's own CPU {benchCpu.TotalMilliseconds / count:F1} ms");
            Console.WriteLine("slowest 10 (index: ms): " + string.Join(", ", phaseTimings.OrderByDescending(t => t.Latency).Take(10)
                .Select(t => $"#{t.Index}: {t.Latency.TotalMilliseconds:F0}")));
            Console.WriteLine("by index, p50 / p95 of each fifth: " + string.Join("; ", phaseTimings.Chunk(Math.Max(1, count / 5))
                .Select(c => $"#{c[0].Index}–{c[^1].Index} {Of(c).Percentile(50).TotalMilliseconds:F0} / {Of(c).Percentile(95).TotalMilliseconds:F0}")));
        }

        // The engine warns when it puts a start message back because the instance's row was not there yet (2 s each).
        var log = server.Log.ToString();
        Console.WriteLine($"start messages the engine put back for 2 s: {log.Split('\n').Count(l => l.Contains("Abandoning [ExecutionStarted]", StringComparison.Ordinal))}");
        var logFile = Path.Combine(Path.GetTempPath(), $"amends-latency-{DateTime.UtcNow:HHmmss}.log");
        await File.WriteAllTextAsync(logFile, log);
        Console.WriteLine($"the server's log: {logFile}");
        if (traced)
        {
            Stagewise(timings, log, started.Date);
        }

        var csv = Path.Combine(Path.GetTempPath(), $"amends-latency-{DateTime.UtcNow:HHmmss}.csv");
        await File.WriteAllLinesAsync(csv, ["index,id,sent,answered_ms,written_ms,seen_ms",
            .. timings.Select(t => string.Create(CultureInfo.InvariantCulture,
                $"{t.Index},{t.Id},{t.Sent:HH:mm:ss.ffffff},{(t.Answered - t.Sent).TotalMilliseconds:F1},{(t.Written - t.Sent).TotalMilliseconds:F1},{t.Latency.TotalMilliseconds:F1}"))]);
        Console.WriteLine($"per incident: {csv}");
    }

    /// <summary>The time between consecutive stages, over every incident whose stages were all found in the log.</summary>
    private static void Stagewise(IReadOnlyList<IncidentTiming> timings, string log, DateTime day)
    {
        Dictionary<string, Dictionary<string, DateTime>> found = [];
        foreach (var line in log.Split('\n'))
        {
            var match = LogLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            foreach (var (stage, pattern) in Stages)
            {
                if (pattern.Match(match.Groups["message"].Value) is { Success: true } hit)
                {
                    var at = day + TimeSpan.ParseExact(match.Groups["time"].Value, @"hh\:mm\:ss\.ffffff", CultureInfo.InvariantCulture);
                    var stages = found.TryGetValue(hit.Groups["id"].Value, out var known) ? known : found[hit.Groups["id"].Value] = [];
                    stages.TryAdd(stage, at);
                }
            }
        }

        List<(string Gap, Latencies Latencies)> gaps = [];
        var complete = 0;
        foreach (var incident in timings)
        {
            if (!found.TryGetValue(incident.Id, out var stages) || stages.Count < Stages.Length)
            {
                continue;
            }

            complete++;
            List<(string Name, DateTime At)> points = [("create sent", incident.Sent), .. Stages.Select(s => (s.Stage, stages[s.Stage]))];
            points.Insert(2, ("create answered", incident.Answered));
            points.Add(("email written", incident.Written));
            points.Add(("seen", incident.Seen));
            if (incident.Index < 5)
            {
                Console.WriteLine($"#{incident.Index}: " + string.Join(", ", points.Skip(1).Select((p, i) => $"{p.Name} +{(p.At - points[i].At).TotalMilliseconds:F0}")));
            }
            for (var i = 1; i < points.Count; i++)
            {
                var gap = $"{points[i - 1].Name} → {points[i].Name}";
                if (gaps.FindIndex(g => g.Gap == gap) is var at && at < 0)
                {
                    gaps.Add((gap, new Latencies()));
                    at = gaps.Count - 1;
                }

                gaps[at].Latencies.Add(points[i].At - points[i - 1].At);
            }
        }

        Console.WriteLine($"stages of the {complete} incidents traced end to end (p50 / p95 / max, ms):");
        foreach (var (gap, latencies) in gaps)
        {
            Console.WriteLine($"  {gap}: {latencies.Percentile(50).TotalMilliseconds:F0} / {latencies.Percentile(95).TotalMilliseconds:F0} / {latencies.Percentile(100).TotalMilliseconds:F0}");
        }
    }

    private static Latencies Of(IEnumerable<IncidentTiming> timings) => Of(timings.Select(t => t.Latency));

    private static Latencies Of(IEnumerable<TimeSpan> samples)
    {
        Latencies latencies = new();
        foreach (var sample in samples)
        {
            latencies.Add(sample);
        }

        return latencies;
    }

    /// <summary>User and system CPU time of a process so far, from /proc (clock ticks of 10 ms).</summary>
    private static TimeSpan CpuTime(int? pid)
    {
        if (pid is not { } id || !File.Exists($"/proc/{id}/stat"))
        {
            return TimeSpan.Zero;
        }

        var fields = File.ReadAllText($"/proc/{id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return TimeSpan.FromMilliseconds(10 * (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex(@"(?<time>\d\d:\d\d:\d\d\.\d{6}) \w+: DurableTask\.AzureStorage\[\d+\] (?<message>.*)$")]
    private static partial Regex LogLine();

    [GeneratedRegex(@"Sending \[?ExecutionStarted.* for instance '(?<id>[^']+)'")]
    private static partial Regex SendingStart();

    [GeneratedRegex(@"^(?<id>\S+): Fetched \[?ExecutionStarted")]
    private static partial Regex FetchedStart();

    [GeneratedRegex(@"^(?<id>\S+): (Fetched \d+ history events|No history events)")]
    private static partial Regex HistoryRead();

    [GeneratedRegex(@"^(?<id>\S+): Sending \[?TaskScheduled")]
    private static partial Regex SendingActivity();

    [GeneratedRegex(@"^(?<id>\S+): Fetched \[?TaskScheduled")]
    private static partial Regex FetchedActivity();
}
