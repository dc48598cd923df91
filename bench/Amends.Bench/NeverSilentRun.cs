using System.Globalization;
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
        await using var azurite = await AzuriteProcess.StartAsync();
        var sweep = TimeSpan.FromSeconds(Math.Max(5, limit.TotalSeconds / 4));
        var settings = SilenceSimulation.Settings("s" + Guid.NewGuid().ToString("N")[..8], limit, sweep);
        foreach (var (key, value) in Compare.AmendsServer)
        {
            settings[key] = value;
        }

        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, settings);
        Console.WriteLine($"Amends never-silent run, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores: {incidents} incidents, silence limit {limit.TotalSeconds:F0} s, sweep every {sweep.TotalSeconds:F0} s, {duration.TotalMinutes:F1} minutes, two kills; load average {Compare.LoadAverage()}");
        var report = await new SilenceSimulation(server, TimeSpan.FromMinutes(5))
            .RunAsync(incidents, duration, [duration / 3, duration * 2 / 3], seed: 17, concurrency: 16, CancellationToken.None);

        var over = report.Incidents.Select(i => i.Longest - limit).Order().ToList();
        string At(double p) => Seconds(over[Math.Clamp((int)Math.Ceiling(p / 100 * over.Count) - 1, 0, over.Count - 1)]);
        Console.WriteLine($"ran {report.Took.TotalMinutes:F1} minutes; load average {Compare.LoadAverage()}; kills (down → health): {string.Join(", ", report.Outages.Select(o => Seconds(o.Up - o.Down)))}");
        Console.WriteLine($"incidents {report.Incidents.Count}: resolved {report.Incidents.Count(i => i.Resolved)}, emails while open {report.Incidents.Sum(i => i.Emails)}");
        Console.WriteLine($"longest silence minus the limit, over incidents: p50 {At(50)}, p90 {At(90)}, p99 {At(99)}, max {At(100)}");
        foreach (var (label, group) in new[] { ("gap across a kill", report.Incidents.Where(i => i.AcrossKill)), ("no kill in the gap", report.Incidents.Where(i => !i.AcrossKill)) })
        {
            var worst = group.MaxBy(i => i.Longest);
            Console.WriteLine($"  {label}: {group.Count()} incidents, worst {(worst is null ? "–" : $"{Seconds(worst.Longest - limit)} over ({worst.Id}, from {worst.From:HH:mm:ss.fff})")}");
        }

        Console.WriteLine("distribution of the longest silence minus the limit:");
        foreach (var bucket in over.GroupBy(o => Math.Floor(o.TotalSeconds)).OrderBy(g => g.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{bucket.Key,4:F0} s, {bucket.Key + 1,4:F0} s): {bucket.Count()}"));
        }

        return 0;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture);
}
