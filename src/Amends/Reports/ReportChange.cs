using System.Globalization;
using Amends.Ledger;

namespace Amends.Reports;

/// <summary>
/// How one report row moves: incidents, cost and income added (or, for a corrected line, taken away),
/// in all and for breakage and returns by choice.
/// </summary>
/// <param name="Dimension">The report.</param>
/// <param name="Key">The row.</param>
/// <param name="Incidents">Incidents to add (may be negative).</param>
/// <param name="Cost">Gross cost to add (may be negative).</param>
/// <param name="Income">Income to add (may be negative).</param>
/// <param name="Month">The month's row (<c>yyyy-MM</c>) it moves, or null for the all-time row.</param>
/// <param name="Breakage">What of it is breakage.</param>
/// <param name="ByChoice">What of it is returns by choice.</param>
public sealed record ReportChange(
    ReportDimension Dimension,
    string Key,
    int Incidents,
    decimal Cost,
    decimal Income = 0,
    string? Month = null,
    CostFigures? Breakage = null,
    CostFigures? ByChoice = null)
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
        ReportDimension.Group => ReportGroups.Name(GroupOf(line)),
        _ => MonthOf(line),
    };

    /// <summary>The month <paramref name="line"/>'s cost arose in, <c>yyyy-MM</c> (UTC).</summary>
    public static string MonthOf(CostLine line) => line.Date.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The group <paramref name="line"/> counts in.</summary>
    public static ReportGroup GroupOf(CostLine line) => ReportGroups.Of(line.Category, line.Responsibility);

    /// <summary>
    /// The report changes that turn one incident's lines <paramref name="before"/> into <paramref name="after"/>:
    /// cost and income move by line, and the incident counts once in every row where it has a line, both
    /// in the all-time rows and in the rows of each month (the month report's rows are months already).
    /// </summary>
    public static IReadOnlyList<ReportChange> Between(IReadOnlyList<CostLine> before, IReadOnlyList<CostLine> after)
    {
        List<ReportChange> changes = [];
        var months = before.Concat(after).Select(MonthOf).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var dimension in Enum.GetValues<ReportDimension>())
        {
            changes.AddRange(Between(dimension, null, before, after));
            if (dimension != ReportDimension.Month)
            {
                foreach (var month in months)
                {
                    changes.AddRange(Between(dimension, month, [.. before.Where(l => MonthOf(l) == month)], [.. after.Where(l => MonthOf(l) == month)]));
                }
            }
        }

        return changes;
    }

    private static IEnumerable<ReportChange> Between(ReportDimension dimension, string? month, IReadOnlyList<CostLine> before, IReadOnlyList<CostLine> after)
    {
        var old = before.ToLookup(l => KeyOf(l, dimension));
        var now = after.ToLookup(l => KeyOf(l, dimension));
        foreach (var key in old.Select(g => g.Key).Union(now.Select(g => g.Key)).Order(StringComparer.Ordinal))
        {
            var total = CostFigures.Of([.. now[key]]) - CostFigures.Of([.. old[key]]);
            var breakage = Moved(ReportGroup.Breakage);
            var byChoice = Moved(ReportGroup.ByChoice);
            if (!total.IsNone || !breakage.IsNone || !byChoice.IsNone)
            {
                yield return new ReportChange(dimension, key, total.Incidents, total.Gross, total.Income, month, breakage, byChoice);
            }

            CostFigures Moved(ReportGroup group) =>
                CostFigures.Of([.. now[key].Where(l => GroupOf(l) == group)]) - CostFigures.Of([.. old[key].Where(l => GroupOf(l) == group)]);
        }
    }
}
