using System.Globalization;
using System.Text.Json;
using Amends.Storage;
using Azure.Data.Tables;

namespace Amends.Erasure;

/// <summary>
/// The record of every erasure, newest first (one partition, row keys by inverted time): who, when and
/// how many items of each kind. It never holds whose data it was.
/// </summary>
public sealed class ErasureLog(StorageAccount account, TimeProvider clock)
{
    internal const string TableName = "Erasures";
    private const string Partition = "erasure";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient table = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Records that <paramref name="requestedBy"/> started an erasure now.</summary>
    public async Task<ErasureRecord> StartAsync(string requestedBy, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var record = new ErasureRecord(
            string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}"),
            requestedBy, now, null, new ErasedItems());
        await table.AddEntityAsync(ToEntity(record), cancellationToken);
        return record;
    }

    /// <summary>Records that the erasure finished, with what it deleted.</summary>
    public async Task<ErasureRecord> CompleteAsync(ErasureRecord started, ErasedItems items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(started);
        var record = started with { CompletedAt = clock.GetUtcNow(), Items = items };
        await table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);
        return record;
    }

    /// <summary>The newest records first, at most <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<ErasureRecord>> ListAsync(int count, CancellationToken cancellationToken = default)
    {
        List<ErasureRecord> records = [];
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), maxPerPage: count, cancellationToken: cancellationToken))
        {
            records.Add(new ErasureRecord(
                row.RowKey,
                row.GetString("RequestedBy"),
                row.GetDateTimeOffset("StartedAt")!.Value,
                row.GetDateTimeOffset("CompletedAt"),
                JsonSerializer.Deserialize<ErasedItems>(row.GetString("Items"), Json) ?? new ErasedItems()));
            if (records.Count == count)
            {
                break;
            }
        }

        return records;
    }

    private static TableEntity ToEntity(ErasureRecord record) => new(Partition, record.Id)
    {
        ["RequestedBy"] = record.RequestedBy,
        ["StartedAt"] = record.StartedAt,
        ["CompletedAt"] = record.CompletedAt,
        ["Items"] = JsonSerializer.Serialize(record.Items, Json),
    };
}
