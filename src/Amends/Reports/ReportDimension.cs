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
}

/// <summary>One row of a report: a key (a SKU, a category, a month…), its incidents and what they cost.</summary>
/// <param name="Key">The SKU, category, responsibility, carrier or month.</param>
/// <param name="Incidents">Incidents with at least one cost under this key.</param>
/// <param name="TotalCost">What they cost.</param>
public sealed record ReportRow(string Key, int Incidents, decimal TotalCost);

/// <summary>A report: its dimension and its rows, costliest first.</summary>
/// <param name="Dimension">What it groups by (<c>sku</c>, <c>category</c>, …, or <c>top-breakages</c>).</param>
/// <param name="Rows">The rows.</param>
public sealed record Report(string Dimension, IReadOnlyList<ReportRow> Rows) : ICsvReport
{
    /// <summary>The report as CSV: a header, then one line per row.</summary>
    public string ToCsv()
    {
        var csv = new System.Text.StringBuilder("key,incidents,totalCost\n");
        foreach (var row in Rows)
        {
            csv.Append(Quote(row.Key)).Append(',')
                .Append(row.Incidents.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                .Append(row.TotalCost.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet.</summary>
    internal static string Quote(string value)
    {
        // A leading = + - @ would make a spreadsheet run the cell as a formula.
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
