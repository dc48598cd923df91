using System.Collections.Concurrent;
using System.Net.Http.Json;
using Amends.Api;
using Amends.Testing;

namespace Amends.Bench;

/// <summary>
/// Time from a store's create request until the acknowledgement email is in the outbox. A closed loop:
/// each of <c>concurrency</c> callers waits for its acknowledgement before it sends the next create.
/// </summary>
internal static class CreateToAcknowledgement
{
    public static async Task<Latencies> MeasureAsync(HttpClient http, string outbox, int count, int concurrency, Latencies? requests = null)
    {
        Latencies latencies = new();
        foreach (var incident in await RecordAsync(http, outbox, count, concurrency))
        {
            latencies.Add(incident.Seen - incident.Sent);
            requests?.Add(incident.Answered - incident.Sent);
        }

        return latencies;
    }

    /// <summary>Each incident's times, in the order the creates were sent (<see cref="IncidentTiming.Index"/>).</summary>
    /// <param name="http">A client of the server.</param>
    /// <param name="outbox">The server's outbox folder.</param>
    /// <param name="count">How many incidents.</param>
    /// <param name="concurrency">How many callers.</param>
    /// <param name="listing">Each caller lists the outbox every 5 ms for its own email (how the bench looked before 2026-12-01), to compare.</param>
    /// <param name="firstIndex">The index of the first incident (after a warm-up).</param>
    public static async Task<IReadOnlyList<IncidentTiming>> RecordAsync(HttpClient http, string outbox, int count, int concurrency, bool listing = false, int firstIndex = 0)
    {
        using var watch = new OutboxWatch(outbox);
        var timings = new IncidentTiming[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var index = firstIndex + i;
            var sent = DateTime.UtcNow;
            var response = await http.PostAsJsonAsync("/api/v1/incidents", new
            {
                customerEmail = $"bench{index}@example.com",
                customerName = "Bench",
                language = "en",
                orderNumber = $"B-{index}",
                description = "The lid arrived cracked.",
            }, ct);
            response.EnsureSuccessStatusCode();
            var answered = DateTime.UtcNow;
            var id = (await response.Content.ReadFromJsonAsync<IncidentView>(ApiJson.Options, ct))!.Incident.Id;
            if (listing)
            {
                while (Directory.EnumerateFiles(outbox, $"*{id}.acknowledgement*.eml").FirstOrDefault() is null)
                {
                    await Task.Delay(5, ct);
                }
            }

            var (written, seen) = await watch.AcknowledgementAsync(id).WaitAsync(TimeSpan.FromMinutes(2), ct);
            timings[i] = new IncidentTiming(index, id, sent, answered, written, seen);
        });
        return timings;
    }

    /// <summary>
    /// Acknowledgements as they land in the outbox, for every caller at once: one inotify watch, and one scan
    /// of the folder every 250 ms in case an event was lost. Before, each caller listed the growing folder every
    /// 5 ms, which on 2 cores took CPU from the server it measured.
    /// </summary>
    private sealed class OutboxWatch : IDisposable
    {
        private static readonly TimeSpan ScanEvery = TimeSpan.FromMilliseconds(250);
        private readonly ConcurrentDictionary<string, TaskCompletionSource<(DateTime Written, DateTime Seen)>> acknowledgements = new();
        private readonly FileSystemWatcher watcher;
        private readonly Timer scan;
        private readonly string outbox;

        public OutboxWatch(string outbox)
        {
            this.outbox = outbox;
            Directory.CreateDirectory(outbox);
            watcher = new FileSystemWatcher(outbox, "*.eml") { InternalBufferSize = 64 * 1024 };

            // The outbox writes a .tmp file and renames it: the rename is the moment the email is there.
            watcher.Renamed += (_, e) => Found(e.Name);
            watcher.Created += (_, e) => Found(e.Name);
            watcher.EnableRaisingEvents = true;
            scan = new Timer(_ => Scan(), null, ScanEvery, ScanEvery);
        }

        public Task<(DateTime Written, DateTime Seen)> AcknowledgementAsync(string incident) => Entry(incident).Task;

        public void Dispose()
        {
            scan.Dispose();
            watcher.Dispose();
        }

        private TaskCompletionSource<(DateTime, DateTime)> Entry(string incident) =>
            acknowledgements.GetOrAdd(incident, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        private void Found(string? name)
        {
            if (name is not null && OutboxFile.Parse(name) is { Step: "acknowledgement" } email)
            {
                Entry(email.Incident).TrySetResult((email.WrittenAt, DateTime.UtcNow));
            }
        }

        private void Scan()
        {
            if (acknowledgements.Values.All(a => a.Task.IsCompleted))
            {
                return;
            }

            foreach (var file in Directory.EnumerateFiles(outbox, "*.acknowledgement_*.eml"))
            {
                Found(Path.GetFileName(file));
            }
        }
    }
}

/// <summary>One incident of the closed loop, all times UTC on this machine's clock.</summary>
/// <param name="Index">Its place in the run (0 is the first create after the server started).</param>
/// <param name="Id">The incident id.</param>
/// <param name="Sent">When the create was sent.</param>
/// <param name="Answered">When its answer arrived.</param>
/// <param name="Written">When the server wrote the acknowledgement (from the file name).</param>
/// <param name="Seen">When the bench saw the acknowledgement in the outbox.</param>
internal sealed record IncidentTiming(int Index, string Id, DateTime Sent, DateTime Answered, DateTime Written, DateTime Seen)
{
    /// <summary>Create sent → acknowledgement seen in the outbox: the figure issue 17 sets the goals for.</summary>
    public TimeSpan Latency => Seen - Sent;
}
