using System.Globalization;
using Amends.Incidents;
using Amends.Storage;
using Azure.Data.Tables;

namespace Amends.Reports;

/// <summary>
/// How fast the store answered and fixed, by month of closing: one row per month, moved once per
/// closed incident (ETag-guarded read-modify-write), so the report is one partition read however many
/// incidents there are. A closing step that runs twice counts once: each row remembers the incidents
/// it counted last.
/// </summary>
public sealed class ResponseTimes(StorageAccount account)
{
    internal const string TableName = "ResponseTimes";
    private const string Partition = "month";
    private const int Attempts = 100;

    /// <summary>How many incident ids a row remembers; a retried closing step comes long before that many others.</summary>
    private const int Remembered = 200;

    /// <summary>Upper bounds, in days, of the resolve-time buckets; the last bucket is everything over 14 days.</summary>
    private static readonly int[] ResolveBucketDays = [1, 3, 7, 14];
    private readonly TableClient table = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The figures of <paramref name="incident"/>, closing at <paramref name="closedAt"/>, from its <paramref name="timeline"/>.</summary>
    public static ResponseTime Of(Incident incident, IReadOnlyList<TimelineEntry> timeline, DateTimeOffset closedAt) =>
        new(incident.Id,
            closedAt,
            timeline.FirstOrDefault(e => e.Kind == TimelineEntryKind.Acknowledged) is { } acknowledged ? acknowledged.At - incident.CreatedAt : null,
            incident.ResolvedAt is { } resolvedAt ? resolvedAt - incident.CreatedAt : null,
            timeline.Count(e => e.Kind == TimelineEntryKind.SilenceUpdate));

    /// <summary>Counts <paramref name="time"/> in its month's row, once however often it is given.</summary>
    public async Task RecordAsync(ResponseTime time, CancellationToken cancellationToken = default)
    {
        var month = time.ClosedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await table.ChangeAsync(
            Partition,
            month,
            current =>
            {
                var entity = current ?? new TableEntity(Partition, month);
                var counted = (entity.GetString("Counted") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                if (counted.Contains(time.IncidentId, StringComparer.Ordinal))
                {
                    return null;
                }

                Count(entity, time);
                counted.Add(time.IncidentId);
                entity["Counted"] = string.Join(' ', counted.TakeLast(Remembered));
                return entity;
            },
            Attempts,
            cancellationToken);
    }

    /// <summary>The report: one row per month of closing, oldest first.</summary>
    public Task<ResponseTimesReport> ReportAsync(CancellationToken cancellationToken = default) => ReportAsync(ReportRange.All, cancellationToken);

    /// <summary>The report of the months of closing in <paramref name="range"/>, oldest first.</summary>
    public async Task<ResponseTimesReport> ReportAsync(ReportRange range, CancellationToken cancellationToken = default)
    {
        List<ResponseTimesRow> rows = [];
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            if (range.Contains(e.RowKey))
            {
                rows.Add(ToRow(e));
            }
        }

        return new ResponseTimesReport([.. rows.OrderBy(r => r.Month, StringComparer.Ordinal)]);
    }

    private static void Count(TableEntity entity, ResponseTime time)
    {
        Add(entity, "Closed", 1);
        Add(entity, "SilenceUpdates", time.SilenceUpdates);
        if (time.ToAcknowledge is { } acknowledge)
        {
            Add(entity, "Acknowledged", 1);
            entity["AcknowledgeSeconds"] = (entity.GetInt64("AcknowledgeSeconds") ?? 0) + (long)acknowledge.TotalSeconds;
        }

        if (time.ToResolve is { } resolve)
        {
            Add(entity, "Resolved", 1);
            entity["ResolveSeconds"] = (entity.GetInt64("ResolveSeconds") ?? 0) + (long)resolve.TotalSeconds;
            var bucket = Array.FindIndex(ResolveBucketDays, days => resolve <= TimeSpan.FromDays(days));
            Add(entity, BucketName(bucket < 0 ? ResolveBucketDays.Length : bucket), 1);
        }
    }

    private static void Add(TableEntity entity, string name, int count) => entity[name] = (entity.GetInt32(name) ?? 0) + count;

    private static string BucketName(int bucket) => "ResolvedBucket" + bucket.ToString(CultureInfo.InvariantCulture);

    private static ResponseTimesRow ToRow(TableEntity e)
    {
        var acknowledged = e.GetInt32("Acknowledged") ?? 0;
        var resolved = e.GetInt32("Resolved") ?? 0;
        int Bucket(int i) => e.GetInt32(BucketName(i)) ?? 0;
        return new ResponseTimesRow(
            e.RowKey,
            e.GetInt32("Closed") ?? 0,
            acknowledged == 0 ? null : Math.Round((e.GetInt64("AcknowledgeSeconds") ?? 0) / 60.0 / acknowledged, 1),
            resolved == 0 ? null : Math.Round((e.GetInt64("ResolveSeconds") ?? 0) / 86_400.0 / resolved, 2),
            e.GetInt32("SilenceUpdates") ?? 0,
            new ResolvedWithin(Bucket(0), Bucket(1), Bucket(2), Bucket(3), Bucket(4)));
    }
}

/// <summary>One closed incident's response figures.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="ClosedAt">When it closed: the month it counts in.</param>
/// <param name="ToAcknowledge">From report to acknowledgement, if it was acknowledged.</param>
/// <param name="ToResolve">From report to resolution, if staff resolved it.</param>
/// <param name="SilenceUpdates">Updates the silence timer had to send.</param>
public sealed record ResponseTime(string IncidentId, DateTimeOffset ClosedAt, TimeSpan? ToAcknowledge, TimeSpan? ToResolve, int SilenceUpdates);

/// <summary>How many incidents were resolved within 1, 3, 7, 14 days and after more.</summary>
/// <param name="OneDay">Within a day.</param>
/// <param name="ThreeDays">Within one to three days.</param>
/// <param name="SevenDays">Within three to seven days.</param>
/// <param name="FourteenDays">Within seven to fourteen days.</param>
/// <param name="Longer">After more than fourteen days.</param>
public sealed record ResolvedWithin(int OneDay, int ThreeDays, int SevenDays, int FourteenDays, int Longer);

/// <summary>One month of closed incidents: how fast they were acknowledged and resolved, and how often the silence timer spoke.</summary>
/// <param name="Month">The month of closing, <c>yyyy-MM</c> (UTC).</param>
/// <param name="Closed">Incidents closed.</param>
/// <param name="AverageMinutesToAcknowledge">Mean minutes from report to acknowledgement.</param>
/// <param name="AverageDaysToResolve">Mean days from report to resolution.</param>
/// <param name="SilenceUpdates">Updates the silence timer sent, in all.</param>
/// <param name="ResolvedWithin">How long resolutions took.</param>
public sealed record ResponseTimesRow(
    string Month, int Closed, double? AverageMinutesToAcknowledge, double? AverageDaysToResolve, int SilenceUpdates, ResolvedWithin ResolvedWithin);

/// <summary>The response-times report, oldest month first.</summary>
/// <param name="Rows">One row per month.</param>
public sealed record ResponseTimesReport(IReadOnlyList<ResponseTimesRow> Rows) : ICsvReport
{
    /// <summary>The report as CSV: a header, then one line per month.</summary>
    public string ToCsv() => CsvTable.Write(
        ["month", "closed", "averageMinutesToAcknowledge", "averageDaysToResolve", "silenceUpdates",
            "resolvedWithin1Day", "resolvedWithin3Days", "resolvedWithin7Days", "resolvedWithin14Days", "resolvedLater"],
        Rows.Select(r => new[]
        {
            CsvCell.Text(r.Month), CsvCell.Number(r.Closed), CsvCell.Number(r.AverageMinutesToAcknowledge), CsvCell.Number(r.AverageDaysToResolve),
            CsvCell.Number(r.SilenceUpdates), CsvCell.Number(r.ResolvedWithin.OneDay), CsvCell.Number(r.ResolvedWithin.ThreeDays),
            CsvCell.Number(r.ResolvedWithin.SevenDays), CsvCell.Number(r.ResolvedWithin.FourteenDays), CsvCell.Number(r.ResolvedWithin.Longer),
        }));
}
