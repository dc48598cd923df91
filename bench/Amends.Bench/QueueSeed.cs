using Amends.Incidents;
using Amends.Storage;

namespace Amends.Bench;

/// <summary>A year of incidents written straight into the store: a third each open, resolved and closed.</summary>
internal static class QueueSeed
{
    public static async Task SeedAsync(IncidentStore store, int count) =>
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var at = DateTimeOffset.UtcNow.AddDays(-365).AddMinutes(i * 50);
            var incident = new Incident(IncidentNumber.New(), new Customer($"customer{i % 3000}@example.com", $"Customer {i}", "en"),
                $"#{100_000 + i}", "Seeded for the benchmark.", $"SKU-{i % 40}", (IncidentStatus)(i % 3),
                (IncidentCategory)(1 + i % 7), (Responsibility)(1 + i % 3), at, at, NeedsAttention: i % 17 == 0, null, null, null, null);
            await store.TryAddAsync(incident, new TimelineEntry(store.NewEntryId(), TimelineEntryKind.Reported, at, null, "customer", false, false), ct);
        });
}
