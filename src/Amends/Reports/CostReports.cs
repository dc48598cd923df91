using System.Globalization;
using System.Text;
using Amends.Money;
using Amends.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Amends.Reports;

/// <summary>
/// The cost reports, precomputed. Each dimension (<c>sku</c>, <c>category</c>, <c>responsibility</c>,
/// <c>carrier</c>, <c>month</c>, <c>group</c>) has an all-time partition named after it and, except the
/// month report, one partition per month (<c>sku|2026-03</c>); each holds one row per key with its
/// incidents, gross cost and income, in all and for breakage and returns by choice. The ledger moves
/// them as lines arrive (read, change, write with the row's ETag, retried on a lost race), so a report
/// is one partition read, or one partition-range read for a date range, never a scan of incidents.
/// </summary>
public sealed class CostReports(StorageAccount account, IOptions<StoreCurrency> currency)
{
    internal const string TableName = "CostReports";
    private const int Attempts = 100;
    private readonly TableClient table = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Applies <paramref name="changes"/>, each an ETag-guarded read-modify-write retried on a lost race.</summary>
    public async Task ApplyAsync(IEnumerable<ReportChange> changes, CancellationToken cancellationToken = default)
    {
        foreach (var change in changes)
        {
            await ApplyAsync(change, cancellationToken);
        }
    }

    /// <summary>The report by <paramref name="dimension"/> over all time, costliest net first.</summary>
    public Task<Report> ReportAsync(ReportDimension dimension, CancellationToken cancellationToken = default) =>
        ReportAsync(dimension, ReportRange.All, null, cancellationToken);

    /// <summary>The report by <paramref name="dimension"/> over <paramref name="range"/>, of <paramref name="group"/>'s costs only when given, costliest net first.</summary>
    public async Task<Report> ReportAsync(ReportDimension dimension, ReportRange range, ReportGroup? group, CancellationToken cancellationToken = default) =>
        Of(Name(dimension), await RowsAsync(dimension, range, group, cancellationToken), range, group);

    /// <summary>The ten SKUs whose breakage cost the most (net), from the SKU report: returns by choice never count as breakage.</summary>
    public async Task<Report> TopBreakagesAsync(ReportRange? range = null, CancellationToken cancellationToken = default) =>
        Of("top-breakages", [.. (await RowsAsync(ReportDimension.Sku, range ?? ReportRange.All, ReportGroup.Breakage, cancellationToken)).Take(10)], range ?? ReportRange.All, ReportGroup.Breakage);

    /// <summary>The name of <paramref name="dimension"/> in routes and partitions (<c>sku</c>, <c>month</c>…).</summary>
    public static string Name(ReportDimension dimension) => dimension.ToString().ToLowerInvariant();

    private Report Of(string name, IReadOnlyList<ReportRow> rows, ReportRange range, ReportGroup? group) =>
        new(name, rows, currency.Value.Currency, range.From, range.To, group is { } g ? ReportGroups.Name(g) : null);

    private async Task<List<ReportRow>> RowsAsync(ReportDimension dimension, ReportRange range, ReportGroup? group, CancellationToken cancellationToken)
    {
        var name = Name(dimension);
        Dictionary<string, CostFigures> sums = new(StringComparer.Ordinal);
        // The month report's rows are months: its one partition serves any range.
        var first = MonthPartition(name, range.From ?? "0000-00");
        var last = MonthPartition(name, range.To ?? "9999-99");
        var query = range.IsAll || dimension == ReportDimension.Month
            ? table.QueryAsync<TableEntity>(e => e.PartitionKey == name, cancellationToken: cancellationToken)
            : table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(first) >= 0 && e.PartitionKey.CompareTo(last) <= 0, cancellationToken: cancellationToken);
        await foreach (var e in query)
        {
            var key = e.GetString("Key");
            if (dimension == ReportDimension.Month && !range.Contains(key))
            {
                continue;
            }

            var figures = Figures(e, group);
            sums[key] = sums.TryGetValue(key, out var sum) ? sum + figures : figures;
        }

        return [.. sums.Where(s => !s.Value.IsNone)
            .Select(s => new ReportRow(s.Key, s.Value.Incidents, s.Value.Gross, s.Value.Income))
            .OrderByDescending(r => r.NetCost).ThenByDescending(r => r.Incidents).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    private Task ApplyAsync(ReportChange change, CancellationToken cancellationToken)
    {
        var name = Name(change.Dimension);
        var partition = change.Month is { } month ? MonthPartition(name, month) : name;
        var rowKey = RowKey(change.Key);
        return table.ChangeAsync(partition, rowKey, current => Moved(current ?? new TableEntity(partition, rowKey) { ["Key"] = change.Key }), Attempts, cancellationToken);

        TableEntity Moved(TableEntity row)
        {
            Write(row, "", Read(row, "") + new CostFigures(change.Incidents, change.Cost, change.Income));
            Write(row, nameof(ReportGroup.Breakage), Read(row, nameof(ReportGroup.Breakage)) + (change.Breakage ?? CostFigures.None));
            Write(row, nameof(ReportGroup.ByChoice), Read(row, nameof(ReportGroup.ByChoice)) + (change.ByChoice ?? CostFigures.None));
            return row;
        }
    }

    /// <summary>A row's figures for <paramref name="group"/>; what no group holds is "other" (rows written before groups were kept hold none).</summary>
    private static CostFigures Figures(TableEntity row, ReportGroup? group) => group switch
    {
        null => Read(row, ""),
        ReportGroup.Breakage => Read(row, nameof(ReportGroup.Breakage)),
        ReportGroup.ByChoice => Read(row, nameof(ReportGroup.ByChoice)),
        _ => Read(row, "") - Read(row, nameof(ReportGroup.Breakage)) - Read(row, nameof(ReportGroup.ByChoice)),
    };

    // The all-time figures keep the names rows had before income and groups (Incidents, TotalCost), so those rows still read.
    private static CostFigures Read(TableEntity row, string prefix) => new(
        row.GetInt32(prefix + "Incidents") ?? 0,
        Amount(row, prefix.Length == 0 ? "TotalCost" : prefix + "Cost"),
        Amount(row, prefix + "Income"));

    private static void Write(TableEntity row, string prefix, CostFigures figures)
    {
        row[prefix + "Incidents"] = figures.Incidents;
        row[prefix.Length == 0 ? "TotalCost" : prefix + "Cost"] = figures.Gross.ToString(CultureInfo.InvariantCulture);
        row[prefix + "Income"] = figures.Income.ToString(CultureInfo.InvariantCulture);
    }

    private static decimal Amount(TableEntity row, string name) =>
        row.GetString(name) is { Length: > 0 } text ? decimal.Parse(text, CultureInfo.InvariantCulture) : 0;

    private static string MonthPartition(string name, string month) => $"{name}|{month}";

    /// <summary>Keys are base64url-encoded: SKUs and carriers may hold characters row keys do not allow.</summary>
    private static string RowKey(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
