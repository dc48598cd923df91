using System.Diagnostics;
using Amends.Ledger;
using Amends.Reports;
using Amends.Samples;

namespace Amends.Bench;

/// <summary>
/// Reads of the owner's reports over HTTP once a store history of <c>incidents</c> closed incidents is
/// in the ledger and the response-times rows: the precomputed rows make each read one partition, so it
/// should not grow with the number of incidents.
/// </summary>
internal static class ReportReads
{
    public static async Task<TimeSpan> SeedAsync(CostLedger ledger, ResponseTimes responseTimes, int incidents)
    {
        var seeding = Stopwatch.StartNew();
        var history = StoreHistory.Generate(StoreHistory.DefaultSeed, incidents, new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await StoreHistory.WriteAsync(ledger, history, writers: 8);
        await StoreHistory.WriteAsync(responseTimes, StoreHistory.ResponseTimes(StoreHistory.DefaultSeed, history), writers: 8);
        return seeding.Elapsed;
    }

    public static async Task<IReadOnlyList<(string Report, Latencies Reads)>> MeasureAsync(HttpClient http)
    {
        List<(string, Latencies)> results = [];
        foreach (var url in new[]
        {
            "/api/v1/reports/sku", "/api/v1/reports/month", "/api/v1/reports/carrier", "/api/v1/reports/top-breakages",
            "/api/v1/reports/response-times", "/api/v1/reports/sku?format=csv",
        })
        {
            Latencies reads = new();
            for (var run = 0; run < 40; run++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                if (run >= 5)
                {
                    reads.Add(Stopwatch.GetElapsedTime(started));
                }
            }

            results.Add((url, reads));
        }

        return results;
    }
}
