using Amends.Reports;

namespace Amends.Claims;

/// <summary>One carrier's claims: how many, and what they came to.</summary>
/// <param name="Carrier">The carrier (<c>(unknown)</c> while no carrier is named).</param>
/// <param name="Claims">Claims opened against it.</param>
/// <param name="Claimed">What was claimed (for claims not filed yet, what would be).</param>
/// <param name="Recovered">What it paid.</param>
/// <param name="Lost">What it will not pay: claimed − paid on paid claims, all of a refused claim.</param>
/// <param name="Pending">What is claimed on claims it has not settled yet.</param>
public sealed record ClaimsReportRow(string Carrier, int Claims, decimal Claimed, decimal Recovered, decimal Lost, decimal Pending);

/// <summary>Claims by carrier, the most claimed first, with the totals over all carriers.</summary>
/// <param name="Rows">One row per carrier.</param>
/// <param name="Total">All carriers together.</param>
public sealed record ClaimsReport(IReadOnlyList<ClaimsReportRow> Rows, ClaimsReportRow Total) : ICsvReport
{
    /// <summary>The name of the report in routes.</summary>
    public const string Name = "claims";

    /// <summary>The report over <paramref name="claims"/>.</summary>
    public static ClaimsReport Of(IEnumerable<ClaimView> claims)
    {
        var rows = claims.GroupBy(c => c.Carrier ?? "(unknown)", StringComparer.OrdinalIgnoreCase)
            .Select(g => Row(g.First().Carrier ?? g.Key, [.. g]))
            .OrderByDescending(r => r.Claimed).ThenBy(r => r.Carrier, StringComparer.Ordinal)
            .ToList();
        return new ClaimsReport(rows, new ClaimsReportRow("Total", rows.Sum(r => r.Claims), rows.Sum(r => r.Claimed), rows.Sum(r => r.Recovered), rows.Sum(r => r.Lost), rows.Sum(r => r.Pending)));
    }

    /// <summary>The report as CSV: a header, one line per carrier, then the total.</summary>
    public string ToCsv() => CsvTable.Write(
        ["carrier", "claims", "claimed", "recovered", "lost", "pending"],
        Rows.Append(Total).Select(row => new[]
        {
            CsvCell.Text(row.Carrier), CsvCell.Number(row.Claims), CsvCell.Number(row.Claimed, "0.00"), CsvCell.Number(row.Recovered, "0.00"),
            CsvCell.Number(row.Lost, "0.00"), CsvCell.Number(row.Pending, "0.00"),
        }));

    private static ClaimsReportRow Row(string carrier, IReadOnlyList<ClaimView> claims) => new(
        carrier,
        claims.Count,
        claims.Sum(c => c.ClaimedAmount),
        claims.Sum(c => c.PaidAmount ?? 0),
        claims.Sum(c => c.Lost ?? 0),
        claims.Where(c => c.Lost is null).Sum(c => c.ClaimedAmount));
}
