using System.Diagnostics;
using System.Net.Http.Json;

namespace Amends.Testing;

/// <summary>
/// The standalone server as a real child process (the built Amends.Server.dll), so tests can stop it
/// hard and start it again over the same storage.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> settings;
    private Process? process;

    private ServerProcess(Dictionary<string, string> settings, int port, string apiKey, string outbox)
    {
        this.settings = settings;
        Port = port;
        ApiKey = apiKey;
        OutboxPath = outbox;
    }

    /// <summary>The server's process id while it runs (to read its memory from /proc in benchmarks).</summary>
    public int? ProcessId => process is { HasExited: false } running ? running.Id : null;

    /// <summary>The HTTP port.</summary>
    public int Port { get; }

    /// <summary>The staff API key.</summary>
    public string ApiKey { get; }

    /// <summary>The local outbox folder.</summary>
    public string OutboxPath { get; }

    /// <summary>What the server printed, each line with the UTC time it arrived, for diagnosing a failed test or a slow recovery.</summary>
    public StringWriter Log { get; } = new();

    /// <summary>An HTTP client for the server with the staff API key set.</summary>
    public HttpClient CreateClient() => new()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{Port}"),
        DefaultRequestHeaders = { { "X-Api-Key", ApiKey } },
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Starts the server over <paramref name="storageConnectionString"/>; <paramref name="settings"/> override its configuration.</summary>
    public static async Task<ServerProcess> StartAsync(string storageConnectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePorts.Next();
        var apiKey = Guid.NewGuid().ToString("N");
        var outbox = Path.Combine(Path.GetTempPath(), "amends-outbox-" + Guid.NewGuid().ToString("N"));
        Dictionary<string, string> all = new()
        {
            ["Amends__Url"] = $"http://127.0.0.1:{port}",
            ["Amends__ApiKey"] = apiKey,
            ["Amends__Storage__ConnectionString"] = storageConnectionString,
            ["Amends__Email__OutboxPath"] = outbox,
            ["Amends__Durable__TaskHubName"] = "t" + Guid.NewGuid().ToString("N")[..12],
            ["Amends__Durable__MaxQueuePollingInterval"] = "00:00:00.500",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var server = new ServerProcess(all, port, apiKey, outbox);
        await server.StartAsync();
        return server;
    }

    /// <summary>The built server, to run it (or one of its commands) as a process.</summary>
    public string Dll { get; } = Path.Combine(Repository.Root, "src", "Amends.Server", "bin", Configuration, "net10.0", "Amends.Server.dll");

    /// <summary>(Re)starts the process with the same settings.</summary>
    public async Task StartAsync()
    {
        var dll = Dll;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, e) => Log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {e.Data}");
        process.ErrorDataReceived += (_, e) => Log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {e.Data}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = CreateClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("The server exited at start-up:\n" + Log);
            }

            try
            {
                var health = await client.GetFromJsonAsync<Dictionary<string, string>>("/api/v1/health");
                if (health?["status"] == "ok")
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Asks the process to stop, as a service manager or <c>docker stop</c> does (SIGTERM), and waits until it
    /// exited; returns how long that took.
    /// </summary>
    public async Task<TimeSpan> StopAsync()
    {
        var started = Stopwatch.GetTimestamp();
        if (process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            await process.WaitForExitAsync();
        }

        var took = Stopwatch.GetElapsedTime(started);
        process?.Dispose();
        process = null;
        return took;
    }

    /// <summary>Kills the process at once, as a crash or a pulled plug would.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (Directory.Exists(OutboxPath))
        {
            Directory.Delete(OutboxPath, recursive: true);
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
