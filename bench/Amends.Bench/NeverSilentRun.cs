using System.Globalization;
using Azure.Data.Tables;
using Amends.Testing;

namespace Amends.Bench;

/// <summary>
/// The never-silent promise at scale (docs/performance.md): thousands of incidents under a silence limit of
/// seconds on the real server (its own durable settings), the sweep on, staff acting at random, two
/// <c>kill -9</c> restarts; prints, over the incidents, the longest silence each customer had while it was
/// open, minus the limit. The CI version is tests/…/EndToEnd/NeverSilentTests (50 incidents).
/// </summary>
internal static class NeverSilentRun
{
    public static async Task<int> RunAsync(int incidents, TimeSpan limit, TimeSpan duration)
    {
        await using var azurite = await AzuriteProcess.StartAsync(countRequests: true);
        var sweep = TimeSpan.FromSeconds(Math.Max(5, limit.TotalSeconds / 4));
        var settings = SilenceSimulation.Settings("s" + Guid.NewGuid().ToString("N")[..8], limit, sweep);
        foreach (var (key, value) in Compare.AmendsServer)
        {
            settings[key] = value;
        }

        // The sweep's report in the server's log, for the worst incident's story below.
        settings["Logging__LogLevel__Amends.Server.SweepService"] = "Information";

        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, settings);
        Console.WriteLine($"Amends never-silent run, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores: {incidents} incidents, silence limit {limit.TotalSeconds:F0} s, sweep every {sweep.TotalSeconds:F0} s, {duration.TotalMinutes:F1} minutes, two kills; load average {Compare.LoadAverage()}");
        var report = await new SilenceSimulation(server, TimeSpan.FromMinutes(5))
            .RunAsync(incidents, duration, [duration / 3, duration * 2 / 3], seed: 17, concurrency: 16, CancellationToken.None, openOver: duration / 3);

        var over = report.Incidents.Select(i => i.Longest - limit).Order().ToList();
        string At(double p) => Seconds(over[Math.Clamp((int)Math.Ceiling(p / 100 * over.Count) - 1, 0, over.Count - 1)]);
        Console.WriteLine($"ran {report.Took.TotalMinutes:F1} minutes; load average {Compare.LoadAverage()}; kills (down → health): {string.Join(", ", report.Outages.Select(o => Seconds(o.Up - o.Down)))}");
        var acknowledged = report.Incidents.Where(i => i.Acknowledged is not null).Select(i => i.Acknowledged!.Value).Order().ToList();
        Console.WriteLine($"create → acknowledgement (the machine's time for a step under this run's load): {acknowledged.Count} acknowledged, p50 {Seconds(acknowledged[acknowledged.Count / 2])}, max {Seconds(acknowledged[^1])}");
        Console.WriteLine($"incidents {report.Incidents.Count}: resolved {report.Incidents.Count(i => i.Resolved)}, emails while open {report.Incidents.Sum(i => i.Emails)}");
        Console.WriteLine($"longest silence minus the limit, over incidents: p50 {At(50)}, p90 {At(90)}, p99 {At(99)}, max {At(100)}");
        foreach (var (label, group) in new[] { ("gap across a kill", report.Incidents.Where(i => i.AcrossKill)), ("no kill in the gap", report.Incidents.Where(i => !i.AcrossKill)) })
        {
            var worst = group.MaxBy(i => i.Longest);
            Console.WriteLine($"  {label}: {group.Count()} incidents, worst {(worst is null ? "–" : $"{Seconds(worst.Longest - limit)} over ({worst.Id}, from {worst.From:HH:mm:ss.fff})")}");
        }

        // The promise: the limit plus one tick of the sweep (which also bounds the server's visibility timeout, 10 s),
        // plus the downtime of any kill inside the gap.
        var beyond = report.Incidents.Select(i => (i.Id, i.From, Over: i.Longest - limit - sweep - i.Downtime)).OrderBy(i => i.Over).ToList();
        var broken = beyond.Where(i => i.Over > TimeSpan.Zero).ToList();
        Console.WriteLine($"beyond the promise (limit + one sweep tick of {sweep.TotalSeconds:F0} s + the downtime of kills in the gap): {broken.Count} incidents; the worst {Seconds(beyond[^1].Over)} against it (negative: inside; {beyond[^1].Id}, from {beyond[^1].From:HH:mm:ss.fff})");
        Console.WriteLine("distribution of the longest silence minus the limit:");
        foreach (var bucket in over.GroupBy(o => Math.Floor(o.TotalSeconds)).OrderBy(g => g.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{bucket.Key,4:F0} s, {bucket.Key + 1,4:F0} s): {bucket.Count()}"));
        }

        Console.WriteLine($"storage requests at Azurite: {azurite.Requests:N0}");
        if (report.Incidents.MaxBy(i => i.Longest - i.Downtime) is { } worstOfAll)
        {
            await TellStoryAsync(azurite.ConnectionString, server, report, worstOfAll, limit);
        }

        return 0;
    }

    /// <summary>
    /// The worst incident's story around its longest silence: the kills, the sweeps, what its workflow's history
    /// holds (each event with the time the engine wrote it), and its emails. Evidence for where the time went.
    /// </summary>
    private static async Task TellStoryAsync(string connectionString, ServerProcess server, SilenceReport report, IncidentSilence worst, TimeSpan limit)
    {
        var from = worst.From;
        var to = worst.From + worst.Longest;
        List<(DateTime At, string What)> story = [(from, "longest silence begins"), (to, "longest silence ends"), (from + limit, "silence limit reached")];
        story.AddRange(report.Outages.SelectMany(o => new[] { (o.Down, "kill -9"), (o.Up, "server answers health again") }));
        story.AddRange(OutboxFile.All(server.OutboxPath).Where(e => e.Incident == worst.Id).Select(e => (e.WrittenAt, $"email written: {e.Step}")));
        foreach (var line in server.Log.ToString().Split('\n').Where(l => l.Contains("Sweep", StringComparison.Ordinal)))
        {
            if (DateTime.TryParseExact(line[..12], "HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                var said = line[13..].Split([',', ';']).Select(p => p.Trim());
                story.Add((at, "server: " + (said.FirstOrDefault(p => p.Contains("woken for silence", StringComparison.Ordinal)) ?? string.Join(", ", said))));
            }
        }

        // The server's task hub has a name of its own (ServerProcess); the run's Azurite holds that one hub.
        var tables = new TableServiceClient(connectionString);
        var historyName = await tables.QueryAsync().Select(t => t.Name).FirstAsync(n => n.EndsWith("History", StringComparison.Ordinal));
        var history = tables.GetTableClient(historyName);
        await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == worst.Id))
        {
            var type = row.GetString("EventType");
            if (row.Timestamp is { } written && type is not ("OrchestratorStarted" or "OrchestratorCompleted"))
            {
                var fireAt = row.GetDateTimeOffset("FireAt") is { } due ? $" due {due:HH:mm:ss.fff}" : "";
                var input = type == "EventRaised" ? $" from {row.GetString("Input")}" : "";
                story.Add((written.UtcDateTime, $"history: {type} {row.GetString("Name")}{input}{fireAt} (event {row.GetDateTimeOffset("_Timestamp"):HH:mm:ss.fff})"));
            }
        }

        Console.WriteLine($"the worst incident, {worst.Id} ({Seconds(worst.Longest - limit)} over the limit), from {from - limit:HH:mm:ss} to {to + limit:HH:mm:ss}:");
        foreach (var (at, what) in story.Where(s => s.At >= from - limit && s.At <= to + limit).OrderBy(s => s.At))
        {
            Console.WriteLine($"  {at:HH:mm:ss.fff} {what}");
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture);
}
