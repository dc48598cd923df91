using Amends.Incidents;
using Amends.Ledger;
using Amends.Reports;

namespace Amends.Samples;

/// <summary>
/// A realistic year of a small store's incidents, drawn from a fixed seed so the same seed always
/// gives the same history and the same report totals: ~30 SKUs (some break far more often), four
/// carriers, every category, the resolutions a store would choose, and what each cost.
/// </summary>
public static class StoreHistory
{
    /// <summary>The seed the console uses unless told otherwise.</summary>
    public const int DefaultSeed = 20261125;

    private static readonly string[] Carriers = ["PostNord", "DHL", "GLS", "InPost"];

    private static readonly (string Sku, decimal Price, int Weight)[] Products =
    [
        ("KETTLE-01", 39.90m, 14), ("KETTLE-02", 59.00m, 6), ("TEAPOT-CER", 24.50m, 12), ("MUG-SET-4", 19.90m, 10),
        ("FRENCH-PRESS", 29.00m, 9), ("GRINDER-MAN", 45.00m, 5), ("GRINDER-ELE", 89.00m, 7), ("MOKA-3", 27.50m, 8),
        ("MOKA-6", 34.90m, 5), ("MILK-FROTH", 49.00m, 8), ("SCALE-DIG", 22.00m, 4), ("THERMOS-1L", 31.00m, 5),
        ("CARAFE-GL", 18.00m, 9), ("FILTER-V60", 16.50m, 3), ("DRIPPER-CER", 23.00m, 4), ("TEA-INFUSER", 9.90m, 3),
        ("TRAY-OAK", 42.00m, 2), ("CANISTER-S", 14.00m, 2), ("CANISTER-L", 19.00m, 2), ("SPOON-SET", 12.00m, 1),
        ("ESPRESSO-CUP", 21.00m, 6), ("LATTE-GLASS", 17.00m, 5), ("COLD-BREW", 38.00m, 4), ("SCALE-PRO", 79.00m, 2),
        ("TOASTER-2", 69.00m, 4), ("JUG-WATER", 26.00m, 3), ("BREAD-BIN", 55.00m, 3), ("APRON-LIN", 28.00m, 1),
        ("TEA-TOWEL-3", 15.00m, 1), ("GIFT-BOX", 49.90m, 2),
    ];

    private static readonly (IncidentCategory Category, int Weight)[] Categories =
    [
        (IncidentCategory.DamagedInTransit, 24), (IncidentCategory.Defective, 22), (IncidentCategory.MissingPart, 14),
        (IncidentCategory.WrongItem, 10), (IncidentCategory.NotDelivered, 10), (IncidentCategory.NotAsDescribed, 8),
        (IncidentCategory.ChangedMind, 12),
    ];

    /// <summary>
    /// The cost lines of <paramref name="incidents"/> incidents over the year from <paramref name="yearStart"/>,
    /// one list per incident, drawn from <paramref name="seed"/>.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<CostLine>> Generate(int seed, int incidents, DateTimeOffset yearStart)
    {
        var random = new Random(seed);
        List<IReadOnlyList<CostLine>> history = [];
        for (var n = 0; n < incidents; n++)
        {
            var (sku, price, _) = Pick(random, Products, p => p.Weight);
            var (category, _) = Pick(random, Categories, c => c.Weight);
            var responsibility = category switch
            {
                IncidentCategory.DamagedInTransit or IncidentCategory.NotDelivered => Responsibility.Carrier,
                IncidentCategory.ChangedMind => Responsibility.Customer,
                IncidentCategory.WrongItem when random.Next(4) == 0 => Responsibility.Customer,
                _ => Responsibility.Store,
            };
            var carrier = Carriers[random.Next(Carriers.Length)];
            var incident = IncidentBuilder(n, sku, category, responsibility, yearStart.AddMinutes(random.Next(365 * 24 * 60)));
            var shipping = Money(random, 4.90m, 9.90m);
            var resolution = category switch
            {
                IncidentCategory.MissingPart or IncidentCategory.Defective when random.Next(3) > 0 =>
                    new Resolution(ResolutionType.SparePart, PartCost: Money(random, price * 0.05m, price * 0.25m), ShippingCost: shipping, Carrier: carrier),
                IncidentCategory.DamagedInTransit or IncidentCategory.Defective or IncidentCategory.WrongItem =>
                    new Resolution(ResolutionType.Replacement, ReplacementCost: decimal.Round(price * 0.55m, 2), ShippingCost: shipping, Carrier: carrier),
                IncidentCategory.NotDelivered => random.Next(2) == 0
                    ? new Resolution(ResolutionType.Replacement, ReplacementCost: decimal.Round(price * 0.55m, 2), ShippingCost: shipping, Carrier: carrier)
                    : new Resolution(ResolutionType.Refund, RefundAmount: price, Carrier: carrier),
                IncidentCategory.NotAsDescribed =>
                    new Resolution(ResolutionType.ReturnWithLabel, LabelCost: Money(random, 4.50m, 7.50m), RefundAmount: price, Carrier: carrier),
                _ => random.Next(2) == 0
                    ? new Resolution(ResolutionType.StoreCredit, RefundAmount: decimal.Round(price * 0.9m, 2), Carrier: carrier)
                    : new Resolution(ResolutionType.ReturnWithLabel, LabelCost: Money(random, 4.50m, 7.50m), RefundAmount: decimal.Round(price * 0.85m, 2), Carrier: carrier),
            };

            var date = incident.CreatedAt.AddDays(random.Next(1, 12));
            List<CostLine> lines = [.. CostLine.ForResolution(incident, resolution, date).Where(l => l.Amount > 0)];
            if (responsibility != Responsibility.Customer && random.Next(5) == 0)
            {
                // Refunded shipping or a small gift, as a store's compensation rules might give.
                lines.Add(CostLine.Of(incident, CostKind.Compensation, random.Next(2) == 0 ? 6.90m : 3.20m, date, carrier));
            }

            if (resolution.Type == ResolutionType.ReturnWithLabel)
            {
                // The item comes back and is sold again; a changed mind also leaves the restocking fee.
                lines.Add(CostLine.Of(incident, CostKind.RecoveredGoods, decimal.Round(price * 0.6m, 2), date.AddDays(7), carrier));
                if (category == IncidentCategory.ChangedMind)
                {
                    lines.Add(CostLine.Of(incident, CostKind.RestockingFee, decimal.Round(price * 0.1m, 2), date.AddDays(7), carrier));
                }
            }

            history.Add(lines);
        }

        return history;
    }

    /// <summary>
    /// How fast each incident of <paramref name="history"/> was answered and fixed, drawn from
    /// <paramref name="seed"/>: acknowledged within minutes, most resolved within a week, a few slow ones
    /// that needed silence updates.
    /// </summary>
    public static IReadOnlyList<ResponseTime> ResponseTimes(int seed, IReadOnlyList<IReadOnlyList<CostLine>> history)
    {
        var random = new Random(seed);
        return [.. history.Select(lines =>
        {
            var toAcknowledge = TimeSpan.FromSeconds(5 + random.Next(600));
            var toResolve = TimeSpan.FromHours(2 + (random.Next(10) == 0 ? random.Next(30 * 24) : random.Next(7 * 24)));
            var reported = lines.Min(l => l.Date);
            return new ResponseTime(lines[0].IncidentId, reported + toResolve + TimeSpan.FromMinutes(1), toAcknowledge, toResolve, (int)(toResolve.TotalDays / 7));
        })];
    }

    /// <summary>Counts <paramref name="times"/> in the response-times report, <paramref name="writers"/> at a time.</summary>
    public static async Task WriteAsync(Reports.ResponseTimes report, IReadOnlyList<ResponseTime> times, int writers, CancellationToken cancellationToken = default) =>
        await Parallel.ForEachAsync(times, new ParallelOptions { MaxDegreeOfParallelism = writers, CancellationToken = cancellationToken }, async (time, token) =>
            await report.RecordAsync(time, token));

    /// <summary>Writes <paramref name="history"/> through the ledger (which updates the reports), <paramref name="writers"/> incidents at a time.</summary>
    public static async Task WriteAsync(
        CostLedger ledger, IReadOnlyList<IReadOnlyList<CostLine>> history, int writers, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var written = 0;
        await Parallel.ForEachAsync(history, new ParallelOptions { MaxDegreeOfParallelism = writers, CancellationToken = cancellationToken }, async (lines, token) =>
        {
            await ledger.RecordAsync(lines, token);
            var count = Interlocked.Increment(ref written);
            if (count % 250 == 0)
            {
                progress?.Report(count);
            }
        });
    }

    private static Incident IncidentBuilder(int n, string sku, IncidentCategory category, Responsibility responsibility, DateTimeOffset at) => new(
        $"AMD-S{n:D7}",
        new Customer($"customer{n}@example.com", $"Customer {n}", "en"),
        $"#{10000 + n}",
        "Sample incident.",
        sku,
        IncidentStatus.Closed,
        category,
        responsibility,
        at,
        at,
        NeedsAttention: false,
        Resolution: null,
        ResolvedAt: null,
        ClosedAt: null,
        DiscountCode: null);

    private static decimal Money(Random random, decimal from, decimal to) =>
        decimal.Round(from + ((to - from) * (decimal)random.NextDouble()), 2);

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, int> weight)
    {
        var roll = random.Next(items.Sum(weight));
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }
}
