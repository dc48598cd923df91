using System.Globalization;
using System.Text;
using Amends.Storage;
using Azure.Data.Tables;

namespace Amends.Reports;

/// <summary>
/// The cost reports, precomputed: one partition per dimension (<c>sku</c>, <c>category</c>,
/// <c>responsibility</c>, <c>carrier</c>, <c>month</c>), one row per key with its incidents and total
/// cost. The ledger moves them as lines arrive (read, change, write with the row's ETag, retried on a
/// lost race), so a report is one partition read, never a scan of incidents.
/// </summary>
public sealed class CostReports(StorageAccount account)
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

    /// <summary>The report by <paramref name="dimension"/>, costliest first.</summary>
    public async Task<Report> ReportAsync(ReportDimension dimension, CancellationToken cancellationToken = default) =>
        new(Name(dimension), await RowsAsync(dimension, cancellationToken));

    /// <summary>The ten SKUs that cost the most, from the SKU report's partition.</summary>
    public async Task<Report> TopBreakagesAsync(CancellationToken cancellationToken = default) =>
        new("top-breakages", [.. (await RowsAsync(ReportDimension.Sku, cancellationToken)).Take(10)]);

    /// <summary>The name of <paramref name="dimension"/> in routes and partitions (<c>sku</c>, <c>month</c>…).</summary>
    public static string Name(ReportDimension dimension) => dimension.ToString().ToLowerInvariant();

    private async Task<List<ReportRow>> RowsAsync(ReportDimension dimension, CancellationToken cancellationToken)
    {
        var partition = Name(dimension);
        List<ReportRow> rows = [];
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            var row = FromEntity(e);
            if (row.Incidents != 0 || row.TotalCost != 0)
            {
                rows.Add(row);
            }
        }

        return [.. rows.OrderByDescending(r => r.TotalCost).ThenByDescending(r => r.Incidents).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    private Task ApplyAsync(ReportChange change, CancellationToken cancellationToken)
    {
        var partition = Name(change.Dimension);
        var rowKey = RowKey(change.Key);
        return table.ChangeAsync(partition, rowKey, current => ToEntity(partition, rowKey, Moved(current)), Attempts, cancellationToken);

        ReportRow Moved(TableEntity? current)
        {
            var row = current is null ? new ReportRow(change.Key, 0, 0) : FromEntity(current);
            return row with { Incidents = row.Incidents + change.Incidents, TotalCost = row.TotalCost + change.Cost };
        }
    }

    /// <summary>Keys are base64url-encoded: SKUs and carriers may hold characters row keys do not allow.</summary>
    private static string RowKey(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static TableEntity ToEntity(string partition, string rowKey, ReportRow row) => new(partition, rowKey)
    {
        ["Key"] = row.Key,
        ["Incidents"] = row.Incidents,
        ["TotalCost"] = row.TotalCost.ToString(CultureInfo.InvariantCulture),
    };

    private static ReportRow FromEntity(TableEntity e) =>
        new(e.GetString("Key"), e.GetInt32("Incidents") ?? 0, decimal.Parse(e.GetString("TotalCost"), CultureInfo.InvariantCulture));
}
