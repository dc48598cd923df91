using System.Diagnostics;
using System.Net.Http.Json;
using Amends.Api;
using Amends.Inbound;
using Amends.Testing;

namespace Amends.Bench;

/// <summary>
/// Time from SendGrid's post of a customer's email (raw mode, with a photo) until the acknowledgement
/// is in the outbox: authenticate, archive, parse, strip the photo, store, start the workflow, email.
/// </summary>
internal static class InboundToAcknowledgement
{
    public static async Task<Latencies> MeasureAsync(HttpClient http, string outbox, string secret, int count)
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "Amends.Tests", "Inbound", "Samples", "italian-broken-part-with-photo.eml"));
        Latencies latencies = new();
        for (var i = 0; i < count; i++)
        {
            // A new Message-ID each time, or the dedupe would (rightly) answer from the first post.
            var mail = sample.Replace("<20261103091512.4f2a9c@mail.example.it>", $"<bench-{i}-{Guid.NewGuid():N}@mail.example.it>", StringComparison.Ordinal);
            using var form = new MultipartFormDataContent
            {
                { new StringContent("incidents@shop.example"), "to" },
                { new StringContent("giulia.rossi@example.it"), "from" },
                { new StringContent(mail), "email" },
            };
            var started = Stopwatch.GetTimestamp();
            var response = await http.PostAsync($"/api/v1/inbound/sendgrid?key={secret}", form);
            response.EnsureSuccessStatusCode();
            var id = (await response.Content.ReadFromJsonAsync<InboundOutcome>(ApiJson.Options))!.IncidentId;
            while (!Directory.Exists(outbox) || Directory.EnumerateFiles(outbox, $"*{id}.acknowledgement*.eml").FirstOrDefault() is null)
            {
                await Task.Delay(5);
            }

            latencies.Add(Stopwatch.GetElapsedTime(started));
        }

        return latencies;
    }
}
