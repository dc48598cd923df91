using System.Globalization;
using Amends.Incidents;
using Amends.Inbound;
using Amends.Photos;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Amends.Retention;

/// <summary>
/// Deletes the raw mail and photos of closed incidents once <see cref="RetentionOptions.ClosedIncidentFiles"/>
/// has passed since closing. Closing an incident puts it in a table keyed by closing time; the sweep
/// reads the part of that table that is due (one range query, however many incidents ever closed),
/// deletes the files, notes it on the timeline, then removes the row, so a pass cut short is finished
/// by the next. Closing also tags the files for the storage account's lifecycle rule in Azure. The shipping address of
/// the incident's order (from the store's order lookup) is dropped at the same time.
/// </summary>
public sealed class ClosedIncidentFiles(
    StorageAccount account,
    IncidentStore store,
    IncidentPhotos photos,
    MailArchive mail,
    IOptions<RetentionOptions> options,
    TimeProvider clock)
{
    internal const string TableName = "FileRetention";
    private const string Partition = "closed";

    private readonly TableClient table = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Schedules the deletion of a just closed incident's files and tags them for the lifecycle rule. Idempotent.</summary>
    public async Task ScheduleAsync(string incidentId, DateTimeOffset closedAt, CancellationToken cancellationToken = default)
    {
        await table.UpsertEntityAsync(new TableEntity(Partition, RowKey(closedAt, incidentId)) { ["IncidentId"] = incidentId }, TableUpdateMode.Replace, cancellationToken);
        await photos.MarkClosedAsync(incidentId, closedAt, cancellationToken);
        await mail.MarkClosedAsync(incidentId, closedAt, cancellationToken);
    }

    /// <summary>Forgets the schedule of an incident being erased (its files are deleted by the erasure).</summary>
    public async Task<int> ForgetAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and IncidentId eq {incidentId}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(Partition, row.RowKey, ETag.All, cancellationToken);
            deleted++;
        }

        return deleted;
    }

    /// <summary>Deletes the files of every incident closed longer ago than the retention period.</summary>
    public async Task<RetentionReport> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = RowKey(now - options.Value.ClosedIncidentFiles, "");
        List<TableEntity> rows = [];
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {due}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        int incidents = 0, photoCount = 0, mailCount = 0;
        foreach (var row in rows)
        {
            var id = row.GetString("IncidentId");
            var incident = await store.FindAsync(id, cancellationToken);
            if (incident?.Value.ClosedAt is { } closedAt && closedAt + options.Value.ClosedIncidentFiles > now)
            {
                // Scheduled by a closing step that ran again later: due at the closing the incident kept.
                continue;
            }

            // Reopened since: its next closing schedules it again.
            if (incident is null || incident.Value.Status == IncidentStatus.Closed)
            {
                var deletedPhotos = await photos.DeleteAllAsync(id, cancellationToken);
                var deletedMail = await mail.DeleteForIncidentAsync(id, cancellationToken);

                // The order's shipping address served the return label and the claim: a closed incident needs it no more.
                var address = incident?.Value.Order?.Details?.ShippingAddress is not null;
                if (address)
                {
                    await store.ChangeAsync(id, i => i.Order?.Details is { } order ? i with { Order = i.Order with { Details = order with { ShippingAddress = null } } } : i,
                        cancellationToken: cancellationToken);
                }

                if ((incident is not null && deletedPhotos + deletedMail > 0) || address)
                {
                    var text = string.Create(CultureInfo.InvariantCulture,
                        $"Retention: {deletedPhotos} photo(s) and {deletedMail} raw email(s) deleted{(address ? ", and the order's shipping address" : "")}, {options.Value.ClosedIncidentFiles.TotalDays:0.##} days after closing.");
                    await store.AppendAsync(id, new TimelineEntry(
                        IncidentStore.StepEntryId(now, "retention"), TimelineEntryKind.InternalNote, now, text, "amends", CustomerFacing: false, Delivered: false),
                        cancellationToken);
                }

                incidents++;
                photoCount += deletedPhotos;
                mailCount += deletedMail;
            }

            await table.DeleteEntityAsync(Partition, row.RowKey, ETag.All, cancellationToken);
        }

        return new RetentionReport(incidents, photoCount, mailCount);
    }

    private static string RowKey(DateTimeOffset closedAt, string incidentId) =>
        string.Create(CultureInfo.InvariantCulture, $"{closedAt.UtcTicks:D19}|{incidentId}");
}

/// <summary>What a retention pass deleted.</summary>
/// <param name="Incidents">Closed incidents whose retention period had passed.</param>
/// <param name="Photos">Photos and documents deleted.</param>
/// <param name="RawMails">Archived inbound posts deleted.</param>
public sealed record RetentionReport(int Incidents, int Photos, int RawMails);
