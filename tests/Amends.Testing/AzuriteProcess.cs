using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Amends.Testing;

/// <summary>
/// Azurite (tables, blobs, queues) from the repository's <c>node_modules</c> as a child process on
/// free loopback ports. In memory by default; with a <c>location</c> its data survives a stop and a
/// start on the same ports.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int StartAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string? location;
    private readonly bool countRequests;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;
    private DirectoryInfo? workingDirectory;
    private long requests;

    private AzuriteProcess(string? location, bool countRequests) => (this.location, this.countRequests) = (location, countRequests);

    /// <summary>Requests storage answered since start (only when started with <c>countRequests</c>): what a storage account bills as transactions.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>The blob service's port.</summary>
    public int BlobPort { get; private set; }

    /// <summary>The queue service's port.</summary>
    public int QueuePort { get; private set; }

    /// <summary>The table service's port.</summary>
    public int TablePort { get; private set; }

    /// <summary>The full connection string of the emulator's <c>devstoreaccount1</c>.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{Account};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{Account};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{Account};");

    /// <summary>
    /// Starts Azurite on free ports; <paramref name="location"/> keeps its data on disk, null in memory;
    /// <paramref name="countRequests"/> turns its access log on to count the requests it answers (<see cref="Requests"/>).
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(string? location = null, bool countRequests = false)
    {
        var azurite = new AzuriteProcess(location, countRequests);
        AppDomain.CurrentDomain.ProcessExit += azurite.KillOnExit;
        for (var attempt = 1; ; attempt++)
        {
            (azurite.BlobPort, azurite.QueuePort, azurite.TablePort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
            if (await azurite.TryStartAsync())
            {
                return azurite;
            }

            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"Azurite did not start after {attempt} attempts:\n{string.Join('\n', azurite.output)}");
            }
        }
    }

    /// <summary>Stops storage (kills Azurite); in memory, everything stored is lost with it.</summary>
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

    /// <summary>
    /// Stops storage as a service manager would (SIGTERM) and waits until Azurite has saved its data and
    /// exited; killed after 10 s. Unlike <see cref="StopAsync"/> nothing stored is lost: Azurite writes its
    /// data to disk only every 5 s, so a kill forgets whatever (tables, queues, rows) came last.
    /// </summary>
    public async Task CloseAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (process is { HasExited: false } running)
            {
                using (var term = Process.Start("kill", ["-TERM", running.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync();
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await running.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    // Not closed in time: killed below.
                }
            }

            await KillAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Starts storage again on the same ports; does nothing when it is running.</summary>
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
            // Best effort: an empty folder under the temp path.
        }
    }

    private async Task<bool> TryStartAsync()
    {
        output.Clear();
        var azurite = Path.Combine(Repository.Root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run `npm ci` in {Repository.Root} (scripts/test.sh does).");
        }

        var start = new ProcessStartInfo(azurite)
        {
            // Azurite writes its own files to its working folder: never the repository.
            WorkingDirectory = (workingDirectory ??= Directory.CreateTempSubdirectory("amends-azurite-")).FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (!countRequests)
        {
            start.ArgumentList.Add("--silent");
        }

        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
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
                await FreePorts.AcceptsConnectionsAsync(BlobPort, timeout.Token) &&
                await FreePorts.AcceptsConnectionsAsync(QueuePort, timeout.Token) &&
                await FreePorts.AcceptsConnectionsAsync(TablePort, timeout.Token))
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

        // The access log's line per request: 127.0.0.1 - - [time] "GET /devstoreaccount1/… HTTP/1.1" 200 -
        if (countRequests && line.Contains(" HTTP/1.1\" ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref requests);
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
}
