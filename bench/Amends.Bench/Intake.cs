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
            var mail = sample.Replace("<20261103091512.4f2a9c@mail.example.it>", $"<intake-{n}-{Guid.NewGuid():N}@mail.example.it>", StringComparison.Ordinal);
            using var form = new MultipartFormDataContent
            {
                { new StringContent("incidents@shop.example"), "to" },
                { new StringContent("giulia.rossi@example.it"), "from" },
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
