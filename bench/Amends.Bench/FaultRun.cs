using System.Diagnostics;
using System.Text.RegularExpressions;
using Amends.Testing;

namespace Amends.Bench;

/// <summary>
/// The full fault-injection run (docs/performance.md): incidents through every resolution on the real
/// server while a share of its storage calls and email sends fail and the process is killed now and then;
/// then every incident must be closed with exactly one acknowledgement, one resolution email and one
/// apology naming its discount code. The CI version is tests/…/EndToEnd/FaultInjectionTests.
/// </summary>
internal static partial class FaultRun
{
    public static async Task<int> RunAsync(int incidents, double share, int kills)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString,
            LifecycleDriver.FaultySettings("f" + Guid.NewGuid().ToString("N")[..8], share));
        var driver = new LifecycleDriver(server, TimeSpan.FromMinutes(10));
        using var stop = new CancellationTokenSource();
        Console.WriteLine($"Amends fault run, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores: {incidents} incidents, {share:P0} of storage calls and email sends failing, {kills} kills");

        var started = Stopwatch.GetTimestamp();
        await driver.StockPartsAsync(incidents, stop.Token);
        var drive = Task.WhenAll(Enumerable.Range(0, incidents).Select(async n =>
        {
            // Ten at a time, as staff and a store's back end would, not all at once.
            await Throttle.WaitAsync(stop.Token);
            try
            {
                var id = await driver.OpenAsync(n, stop.Token);
                await driver.AcknowledgedAsync(id, stop.Token);
                await driver.ResolveAsync(id, n, LifecycleDriver.Resolutions[n % LifecycleDriver.Resolutions.Count], stop.Token);
                return await driver.ClosedAsync(id, stop.Token);
            }
            finally
            {
                Throttle.Release();
            }
        }));

        // Kills at random moments while incidents are under way.
        var killed = 0;
        while (killed < kills && !drive.IsCompleted)
        {
            await Task.WhenAny(drive, Task.Delay(TimeSpan.FromSeconds(Random.Shared.Next(8, 20))));
            if (!drive.IsCompleted)
            {
                await server.KillAsync();
                await server.StartAsync();
                killed++;
                Console.WriteLine($"kill {killed} at {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");
            }
        }

        var closed = await drive;
        var took = Stopwatch.GetElapsedTime(started);
        var problems = closed.SelectMany(driver.EmailProblems).ToList();
        var emails = closed.Select(c => driver.Emails(c["incident"]!["id"]!.GetValue<string>()).Count).ToList();
        var log = server.Log.ToString();
        Console.WriteLine($"closed {closed.Length} of {incidents} incidents in {took.TotalSeconds:F0} s; kills: {killed}");
        Console.WriteLine($"injected: {Count(StorageFault(), log)} storage faults, {Count(EmailFault(), log)} refused email sends");
        Console.WriteLine($"steps that failed every attempt (flagged, then resumed): {Count(Stopped(), log)}; watchdog acts: {Count(WatchdogAct(), log)}; API calls retried by the driver: {driver.Retries}");
        Console.WriteLine($"emails per incident: min {emails.Min()}, max {emails.Max()}, total {emails.Sum()} (acknowledgement + resolution + apology = 3)");
        foreach (var problem in problems)
        {
            Console.WriteLine("PROBLEM: " + problem);
        }

        Console.WriteLine(problems.Count == 0 ? "every incident closed with each email once" : $"{problems.Count} problems");
        return problems.Count == 0 ? 0 : 1;
    }

    private static readonly SemaphoreSlim Throttle = new(10);

    private static int Count(Regex pattern, string log) => pattern.Count(log);

    [GeneratedRegex("Fault injected: storage")]
    private static partial Regex StorageFault();

    [GeneratedRegex("Fault injected: email")]
    private static partial Regex EmailFault();

    [GeneratedRegex(@"failed \d+ attempts")]
    private static partial Regex Stopped();

    [GeneratedRegex("Watchdog: incident")]
    private static partial Regex WatchdogAct();
}
