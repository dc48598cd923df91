using System.Diagnostics;
using System.Net.Http.Json;
using Amends.Api;

namespace Amends.Bench;

/// <summary>Time from a store's create request until the acknowledgement email is in the outbox.</summary>
internal static class CreateToAcknowledgement
{
    public static async Task<Latencies> MeasureAsync(HttpClient http, string outbox, int count, int concurrency, Latencies? requests = null)
    {
        Latencies latencies = new();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var response = await http.PostAsJsonAsync("/api/v1/incidents", new
            {
                customerEmail = $"bench{i}@example.com",
                customerName = "Bench",
                language = "en",
                orderNumber = $"B-{i}",
                description = "The lid arrived cracked.",
            }, ct);
            response.EnsureSuccessStatusCode();
            requests?.Add(Stopwatch.GetElapsedTime(started));
            var id = (await response.Content.ReadFromJsonAsync<IncidentView>(ApiJson.Options, ct))!.Incident.Id;
            while (!Directory.Exists(outbox) || Directory.EnumerateFiles(outbox, $"*{id}.acknowledgement*.eml").FirstOrDefault() is null)
            {
                await Task.Delay(5, ct);
            }

            latencies.Add(Stopwatch.GetElapsedTime(started));
        });
        return latencies;
    }
}
