using System.Globalization;
using Amends.Ledger;

namespace Amends.Reports;

/// <summary>How one report row moves: incidents and cost added (or, for a corrected line, taken away).</summary>
/// <param name="Dimension">The report.</param>
/// <param name="Key">The row.</param>
/// <param name="Incidents">Incidents to add (may be negative).</param>
/// <param name="Cost">Cost to add (may be negative).</param>
public sealed record ReportChange(ReportDimension Dimension, string Key, int Incidents, decimal Cost)
{
    /// <summary>The key of lines with no SKU or no carrier.</summary>
    public const string Unknown = "(unknown)";

    /// <summary>The row of <paramref name="dimension"/> that <paramref name="line"/> counts in.</summary>
    public static string KeyOf(CostLine line, ReportDimension dimension) => dimension switch
    {
        ReportDimension.Sku => string.IsNullOrWhiteSpace(line.Sku) ? Unknown : line.Sku.Trim().ToUpperInvariant(),
        ReportDimension.Category => line.Category.ToString(),
        ReportDimension.Responsibility => line.Responsibility.ToString(),
        ReportDimension.Carrier => string.IsNullOrWhiteSpace(line.Carrier) ? Unknown : line.Carrier.Trim(),
        _ => line.Date.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The report changes that turn one incident's lines <paramref name="before"/> into <paramref name="after"/>:
    /// cost moves by line (income lines take theirs off), and the incident counts once in every row where it has a line.
    /// </summary>
    public static IReadOnlyList<ReportChange> Between(IReadOnlyList<CostLine> before, IReadOnlyList<CostLine> after)
    {
        List<ReportChange> changes = [];
        foreach (var dimension in Enum.GetValues<ReportDimension>())
        {
            var old = before.GroupBy(l => KeyOf(l, dimension)).ToDictionary(g => g.Key, g => g.Sum(Signed));
            var now = after.GroupBy(l => KeyOf(l, dimension)).ToDictionary(g => g.Key, g => g.Sum(Signed));
            foreach (var key in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
            {
                var incidents = (now.ContainsKey(key) ? 1 : 0) - (old.ContainsKey(key) ? 1 : 0);
                var cost = now.GetValueOrDefault(key) - old.GetValueOrDefault(key);
                if (incidents != 0 || cost != 0)
                {
                    changes.Add(new ReportChange(dimension, key, incidents, cost));
                }
            }
        }

        return changes;
    }

    /// <summary>What a line adds to a cost: income (e.g. a carrier's payment on a claim) takes its amount off.</summary>
    private static decimal Signed(CostLine line) => line.Kind.IsIncome() ? -line.Amount : line.Amount;
}
