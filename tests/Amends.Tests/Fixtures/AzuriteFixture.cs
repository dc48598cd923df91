using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Amends.Tests.Fixtures;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]

namespace Amends.Tests.Fixtures;

/// <summary>
/// One Azurite (tables, blobs, queues; in memory) for the whole test assembly, started from the repo's
/// <c>node_modules</c> on free loopback ports and killed when the assembly's tests are done. Test classes
/// take it in their constructor and isolate themselves with their own table prefix
/// (<see cref="NewTablePrefix"/>), so they can run in parallel against the one emulator.
/// </summary>
/// <remarks>
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> stop and restart storage on the same ports, for
/// tests of what happens while storage is away. Azurite runs with <c>--inMemoryPersistence</c>, so a
/// restart loses every table, row and blob: recreate tables (<c>EnsureStorageAsync</c>) afterwards. A
/// test that stops storage affects every test running at that moment, so it belongs in a collection
/// with <c>DisableParallelization = true</c>.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int StartAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;
    private DirectoryInfo? workingDirectory;
    private int blobPort;
    private int queuePort;
    private int tablePort;

    /// <summary>The full connection string of the emulator's <c>devstoreaccount1</c>.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The blob service's port.</summary>
    public int BlobPort => blobPort;

    /// <summary>The queue service's port.</summary>
    public int QueuePort => queuePort;

    /// <summary>The table service's port.</summary>
    public int TablePort => tablePort;

    /// <summary>A table prefix no other test uses: <c>t</c> and eight random letters or digits.</summary>
    public static string NewTablePrefix() =>
        "t" + string.Concat(Enumerable.Range(0, 8).Select(_ => PrefixAlphabet[RandomNumberGenerator.GetInt32(PrefixAlphabet.Length)]));

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        for (var attempt = 1; ; attempt++)
        {
            (blobPort, queuePort, tablePort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
            if (await TryStartAsync())
            {
                break;
            }

            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"Azurite did not start after {attempt} attempts:\n{string.Join('\n', output)}");
            }
        }

        ConnectionString = string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/{Account};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{Account};");
    }

    /// <summary>Stops storage (kills Azurite). Everything stored is lost with it.</summary>
    public async Task StopAsync()
    {
        await gate.WaitAsync();
        try
        {
            await KillAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Starts storage again on the same ports, empty; does nothing when it is running.</summary>
    public async Task StartAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (process is { HasExited: false })
            {
                return;
            }

            // The ports are in the connection string everyone holds, so retry on them rather than pick new ones.
            for (var attempt = 1; !await TryStartAsync(); attempt++)
            {
                if (attempt == StartAttempts)
                {
                    throw new InvalidOperationException($"Azurite did not restart on its ports:\n{string.Join('\n', output)}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        await KillAsync();
        gate.Dispose();
        try
        {
            workingDirectory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it is an empty folder under the temp path.
        }
    }

    private async Task<bool> TryStartAsync()
    {
        output.Clear();
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run `npm ci` in {root}.");
        }

        var start = new ProcessStartInfo(azurite)
        {
            // In memory: nothing is written, but Azurite's working folder must not be the repo.
            WorkingDirectory = (workingDirectory ??= Directory.CreateTempSubdirectory("amends-azurite-")).FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var started = new Process { StartInfo = start };
        started.OutputDataReceived += (_, e) => Remember(e.Data);
        started.ErrorDataReceived += (_, e) => Remember(e.Data);
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;

        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!timeout.IsCancellationRequested)
        {
            if (started.HasExited)
            {
                // Typically EADDRINUSE: another process took one of the ports after we picked it.
                await started.WaitForExitAsync(CancellationToken.None);
                started.Dispose();
                process = null;
                return false;
            }

            // "successfully listening" is printed by our Azurite, so a port some other process holds does not count.
            if (output.Count(line => line.Contains("successfully listening", StringComparison.Ordinal)) >= 3 &&
                await FreePorts.AcceptsConnectionsAsync(blobPort, timeout.Token) &&
                await FreePorts.AcceptsConnectionsAsync(queuePort, timeout.Token) &&
                await FreePorts.AcceptsConnectionsAsync(tablePort, timeout.Token))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }

        await KillAsync();
        throw new TimeoutException($"Azurite did not listen on its ports within {StartTimeout}:\n{string.Join('\n', output)}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 200 && output.TryDequeue(out _))
        {
        }
    }

    private async Task KillAsync()
    {
        if (process is not { } running)
        {
            return;
        }

        process = null;
        try
        {
            if (!running.HasExited)
            {
                running.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await running.WaitForExitAsync(timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        finally
        {
            running.Dispose();
        }
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>The folder holding <c>Amends.slnx</c>, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Amends.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Amends.slnx above {AppContext.BaseDirectory}.");
    }
}
