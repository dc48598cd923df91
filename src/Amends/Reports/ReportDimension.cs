namespace Amends.Reports;

/// <summary>What a cost report groups by.</summary>
public enum ReportDimension
{
    /// <summary>By product SKU.</summary>
    Sku,

    /// <summary>By what went wrong.</summary>
    Category,

    /// <summary>By who was at fault.</summary>
    Responsibility,

    /// <summary>By carrier.</summary>
    Carrier,

    /// <summary>By month the cost arose (<c>yyyy-MM</c>, UTC).</summary>
    Month,

    /// <summary>Breakage, returns by choice and the rest (<see cref="ReportGroup"/>).</summary>
    Group,
}

/// <summary>One row of a report: a key (a SKU, a category, a month…), its incidents, what they cost, what came back, and the difference.</summary>
/// <param name="Key">The SKU, category, responsibility, carrier, month or group.</param>
/// <param name="Incidents">Incidents with at least one ledger line under this key (in a date range: per month, summed).</param>
/// <param name="GrossCost">What they cost, before income.</param>
/// <param name="Income">What came back: restocking fees, recovered goods, carrier recoveries.</param>
public sealed record ReportRow(string Key, int Incidents, decimal GrossCost, decimal Income)
{
    /// <summary>What they cost the store in the end: gross cost less income.</summary>
    public decimal NetCost => GrossCost - Income;
}

/// <summary>A report: its dimension, its rows (costliest net first), and what it covers.</summary>
/// <param name="Dimension">What it groups by (<c>sku</c>, <c>category</c>, …, or <c>top-breakages</c>).</param>
/// <param name="Rows">The rows.</param>
/// <param name="Currency">The ISO 4217 code every amount is in.</param>
/// <param name="From">The first month covered (<c>yyyy-MM</c>), or null from the start.</param>
/// <param name="To">The last month covered (<c>yyyy-MM</c>), or null up to now.</param>
/// <param name="Group">Only the costs of this group (<c>breakage</c>, <c>byChoice</c>, <c>other</c>), or null for all.</param>
public sealed record Report(string Dimension, IReadOnlyList<ReportRow> Rows, string Currency = "EUR", string? From = null, string? To = null, string? Group = null) : ICsvReport
{
    /// <summary>The report as CSV: a header, then one line per row.</summary>
    public string ToCsv() => CsvTable.Write(
        ["key", "incidents", "grossCost", "income", "netCost", "currency"],
        Rows.Select(row => new[]
        {
            CsvCell.Text(row.Key), CsvCell.Number(row.Incidents), CsvCell.Number(row.GrossCost, "0.00"), CsvCell.Number(row.Income, "0.00"),
            CsvCell.Number(row.NetCost, "0.00"), CsvCell.Text(Currency),
        }));
}
