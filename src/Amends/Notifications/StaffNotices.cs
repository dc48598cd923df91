using System.Net;
using Amends.Incidents;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;

namespace Amends.Notifications;

/// <summary>
/// The notice outbox (table <c>StaffNotices</c>): a notice is written once, keyed by its subject and event id, by
/// whatever raised it, and sent later by <see cref="StaffNotifier"/>. Writing the same notice again changes nothing,
/// so a retried step or request never tells staff twice; a row stays pending until every channel is done with it.
/// </summary>
public sealed class StaffNotices(StorageAccount account)
{
    internal const string TableName = "StaffNotices";

    /// <summary>The partition of the notices; one, since staff notices are few and read together.</summary>
    internal const string NoticePartition = "notice";

    /// <summary>The partition of the digest emails.</summary>
    internal const string DigestPartition = "digest";

    private const int WriteAttempts = 3;

    /// <summary>The table, for <see cref="StaffNotifier"/>.</summary>
    internal TableClient Table { get; } = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await Table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Writes <paramref name="notice"/> unless it is there already.</summary>
    /// <returns>False when it was written before.</returns>
    public async Task<bool> AddAsync(StaffNotice notice, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(NoticePartition, RowKey(notice.Subject, notice.EventId))
        {
            ["Kind"] = notice.Kind.ToString(),
            ["Subject"] = notice.Subject,
            ["EventId"] = notice.EventId,
            ["At"] = notice.At,
            ["Detail"] = notice.Detail,
            ["Pending"] = true,
            ["EmailPending"] = true,
            ["WebhookPending"] = true,
            ["WebhookAttempts"] = 0,
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Table.AddEntityAsync(row, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                return false;
            }
            catch (RequestFailedException) when (attempt < WriteAttempts)
            {
                // The event already happened: a blip here is waited out rather than the notice lost.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>A notice for each attention reason <paramref name="after"/> holds that <paramref name="before"/> did not.</summary>
    public async Task AddRaisedAsync(Incident? before, Incident after, CancellationToken cancellationToken = default)
    {
        foreach (var reason in after.Attention ?? [])
        {
            if (before?.Attention?.Contains(reason) != true && StaffNotice.For(after.Id, reason) is { } notice)
            {
                await AddAsync(notice, cancellationToken);
            }
        }
    }

    /// <summary>Every notice written, oldest first (tests and the doc's figures read it).</summary>
    public async Task<IReadOnlyList<StaffNotice>> ListAsync(CancellationToken cancellationToken = default)
    {
        List<StaffNotice> notices = [];
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == NoticePartition, cancellationToken: cancellationToken))
        {
            notices.Add(ToNotice(row));
        }

        return [.. notices.OrderBy(n => n.At)];
    }

    /// <summary>The row key of a notice: its subject and event, with the characters Table Storage refuses escaped.</summary>
    internal static string RowKey(string subject, string eventId) => Uri.EscapeDataString(subject) + "|" + Uri.EscapeDataString(eventId);

    /// <summary>The notice a row holds.</summary>
    internal static StaffNotice ToNotice(TableEntity row) => new(
        Enum.Parse<StaffNoticeKind>(row.GetString("Kind")),
        row.GetString("Subject"),
        row.GetString("EventId"),
        row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
        row.GetString("Detail"));
}
