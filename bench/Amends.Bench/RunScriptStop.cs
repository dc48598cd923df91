using System.Diagnostics;
using System.Globalization;
using Amends.Testing;

namespace Amends.Bench;

/// <summary>
/// Ctrl-C of the README's run command (docs/performance.md): <c>bash scripts/run.sh</c> in a session of its
/// own, SIGINT to its whole process group as a terminal sends it, then the time until every process of the
/// group (the script, <c>dotnet run</c>, the server, Azurite) has exited. Uses run.sh's fixed Azurite ports.
/// </summary>
internal static class RunScriptStop
{
    public static async Task RunAsync(int rounds)
    {
        Console.WriteLine($"Ctrl-C of scripts/run.sh, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, {rounds} rounds");
        Latencies stops = new();
        for (var round = 1; round <= rounds; round++)
        {
            var port = FreePorts.Next();
            var start = new ProcessStartInfo("setsid") { WorkingDirectory = Repository.Root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "bash", "scripts/run.sh" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["Amends__Url"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
            using var script = Process.Start(start)!;
            script.OutputDataReceived += (_, _) => { };
            script.ErrorDataReceived += (_, _) => { };
            script.BeginOutputReadLine();
            script.BeginErrorReadLine();

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5);
            while (!await HealthyAsync(http))
            {
                if (script.HasExited || DateTimeOffset.UtcNow > deadline)
                {
                    throw new InvalidOperationException("scripts/run.sh did not bring the server up.");
                }

                await Task.Delay(200);
            }

            // setsid made the script a session and group leader: its group id is its pid.
            var group = script.Id;
            var pressed = Stopwatch.GetTimestamp();
            await SignalAsync("-INT", group);
            while (await SignalAsync("-0", group))
            {
                if (Stopwatch.GetElapsedTime(pressed) > TimeSpan.FromMinutes(1))
                {
                    await SignalAsync("-KILL", group);
                    throw new TimeoutException("scripts/run.sh did not stop within a minute of Ctrl-C.");
                }

                await Task.Delay(20);
            }

            stops.Add(Stopwatch.GetElapsedTime(pressed));
            Console.WriteLine($"round {round}: {Stopwatch.GetElapsedTime(pressed).TotalMilliseconds:F0} ms");
        }

        Console.WriteLine($"Ctrl-C → run.sh, server and Azurite all exited: {stops}");
    }

    private static async Task<bool> HealthyAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/api/v1/health")).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends <paramref name="signal"/> to the process group; false when no process of it is left.</summary>
    private static async Task<bool> SignalAsync(string signal, int group)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { signal, "--", "-" + group.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var kill = Process.Start(start)!;
        await kill.WaitForExitAsync();
        return kill.ExitCode == 0;
    }
}
