using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text;
using Amends.Notifications;
using Amends.Storage;
using Azure.Data.Tables;

namespace Amends.SpareParts;

/// <summary>
/// The spare-part catalogue and its stock in Table Storage. Parts and their reservations share one
/// partition, so taking a part off the shelf and recording which incident took it are one entity-group
/// transaction guarded by the part's ETag: of two incidents after the last part, exactly one wins and
/// the other reads the stock again and finds none. A reservation row is keyed by incident and part, so
/// reserving again for the same incident (a retried request) finds it and takes nothing more.
/// </summary>
public sealed class SpareStock(StorageAccount account, TimeProvider clock)
{
    internal const string TableName = "SpareParts";

    // One partition for the whole catalogue: a shop's spare parts number in the hundreds, and a shared
    // partition is what lets a part and its reservation change in one transaction.
    private const string Partition = "stock";
    private const string PartPrefix = "part|";
    private const string ReservationPrefix = "reservation|";
    private const int Attempts = 20;

    private readonly TableClient table = account.Table(TableName);
    private readonly StaffNotices notices = new(account);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Adds <paramref name="part"/> to the catalogue, or replaces it: staff counting the shelf set the
    /// quantity outright, so this does not merge with the stored row.
    /// </summary>
    public async Task SaveAsync(SparePart part, CancellationToken cancellationToken = default) =>
        await table.UpsertEntityAsync(ToEntity(part), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The part with SKU <paramref name="partSku"/>, or null.</summary>
    public async Task<SparePart?> FindAsync(string partSku, CancellationToken cancellationToken = default) =>
        await FindRowAsync(PartKey(partSku), cancellationToken) is { } row ? FromEntity(row) : null;

    /// <summary>The parts for <paramref name="productSku"/> (every part when null), by part SKU.</summary>
    public async Task<IReadOnlyList<SparePart>> ListAsync(string? productSku = null, CancellationToken cancellationToken = default)
    {
        List<SparePart> parts = [];
        await foreach (var row in PartRowsAsync(cancellationToken))
        {
            var part = FromEntity(row);
            if (productSku is null || string.Equals(part.ProductSku, productSku, StringComparison.OrdinalIgnoreCase))
            {
                parts.Add(part);
            }
        }

        return [.. parts.OrderBy(p => p.PartSku, StringComparer.Ordinal)];
    }

    /// <summary>How many parts have fewer on the shelf than their reorder level.</summary>
    public async Task<int> CountLowStockAsync(CancellationToken cancellationToken = default)
    {
        var low = 0;
        await foreach (var row in PartRowsAsync(cancellationToken))
        {
            low += FromEntity(row).IsLowStock ? 1 : 0;
        }

        return low;
    }

    /// <summary>
    /// Takes one <paramref name="partSku"/> off the shelf for <paramref name="incidentId"/>, once: a
    /// second call for the same incident and part answers with the first reservation and takes nothing.
    /// </summary>
    public Task<SparePartReservation> ReserveAsync(string incidentId, string partSku, CancellationToken cancellationToken = default)
    {
        var reservationKey = ReservationPrefix + incidentId + "|" + Encode(partSku);

        // A lost race: another incident took one (412), or this incident's own retry reserved it (409); read again.
        return ContestedRow.RetryAsync(Attempts, async () =>
        {
            if (await FindRowAsync(reservationKey, cancellationToken) is { } reserved)
            {
                return new SparePartReservation(ReservationOutcome.Reserved, FromEntity(reserved));
            }

            if (await FindRowAsync(PartKey(partSku), cancellationToken) is not { } row)
            {
                return new SparePartReservation(ReservationOutcome.UnknownPart, null);
            }

            var part = FromEntity(row);
            if (part.QuantityOnHand <= 0)
            {
                return new SparePartReservation(ReservationOutcome.OutOfStock, part);
            }

            var taken = part with { QuantityOnHand = part.QuantityOnHand - 1 };
            var reservation = ToEntity(part, reservationKey);
            reservation["IncidentId"] = incidentId;
            await table.SubmitAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(taken), row.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, reservation),
            ], cancellationToken);
            if (taken.QuantityOnHand <= taken.ReorderLevel && part.QuantityOnHand > part.ReorderLevel)
            {
                // Keyed by the reservation that took it there: told once, and again only after a restock and a new fall.
                await notices.AddAsync(
                    new StaffNotice(StaffNoticeKind.LowStock, partSku, "reserved-" + incidentId, clock.GetUtcNow(), $"{taken.QuantityOnHand} left, reorder level {taken.ReorderLevel}"),
                    cancellationToken);
            }

            return new SparePartReservation(ReservationOutcome.Reserved, part);
        }, cancellationToken);
    }

    /// <summary>
    /// Puts back on the shelf every part reserved for <paramref name="incidentId"/> except
    /// <paramref name="keepPartSku"/> (the part of the resolution now chosen, if any): the reservation
    /// goes and the part's quantity goes up by one in one transaction guarded by both ETags, so a part
    /// is put back once however often this runs, and never lost to a reservation racing it.
    /// </summary>
    /// <returns>The parts put back now.</returns>
    public async Task<IReadOnlyList<SparePart>> ReleaseAsync(string incidentId, string? keepPartSku = null, CancellationToken cancellationToken = default)
    {
        var prefix = ReservationPrefix + incidentId + "|";
        var keep = keepPartSku is null ? null : prefix + Encode(keepPartSku);
        List<SparePart> released = [];
        await foreach (var reservation in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(prefix + "~") < 0,
            cancellationToken: cancellationToken))
        {
            if (reservation.RowKey != keep && await PutBackAsync(reservation, cancellationToken) is { } part)
            {
                released.Add(part);
            }
        }

        return released;
    }

    private async Task<SparePart?> PutBackAsync(TableEntity reservation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reserved = FromEntity(reservation);
            var row = await FindRowAsync(PartKey(reserved.PartSku), cancellationToken);

            // A part taken out of the catalogue meanwhile comes back as the reservation remembers it, one on the shelf.
            var back = row is null ? reserved with { QuantityOnHand = 1 } : FromEntity(row) with { QuantityOnHand = FromEntity(row).QuantityOnHand + 1 };
            try
            {
                await table.SubmitAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, reservation, reservation.ETag),
                    row is null
                        ? new TableTransactionAction(TableTransactionActionType.Add, ToEntity(back))
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(back), row.ETag),
                ], cancellationToken);
                return back;
            }
            catch (TableTransactionFailedException e) when (attempt < Attempts && e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.NotFound)
            {
                // The part changed (412/409), or the reservation is already gone (404/412): read both again.
                if (await FindRowAsync(reservation.RowKey, cancellationToken) is not { } current)
                {
                    return null;
                }

                reservation = current;
                await Task.Delay(Random.Shared.Next(5, 50), cancellationToken);
            }
        }
    }

    private async Task<TableEntity?> FindRowAsync(string rowKey, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private IAsyncEnumerable<TableEntity> PartRowsAsync(CancellationToken cancellationToken) =>
        table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(PartPrefix) >= 0 && e.RowKey.CompareTo("part}") < 0,
            cancellationToken: cancellationToken);

    // Part SKUs may hold characters keys forbid ('/', '#'): base64url keeps them exact and legal.
    private static string Encode(string sku) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sku));

    private static string PartKey(string partSku) => PartPrefix + Encode(partSku);

    private static TableEntity ToEntity(SparePart part, string? rowKey = null) => new(Partition, rowKey ?? PartKey(part.PartSku))
    {
        ["PartSku"] = part.PartSku,
        ["ProductSku"] = part.ProductSku,
        ["Name"] = part.Name,
        ["QuantityOnHand"] = part.QuantityOnHand,
        ["ReorderLevel"] = part.ReorderLevel,
        ["UnitCost"] = part.UnitCost.ToString(CultureInfo.InvariantCulture),
    };

    private static SparePart FromEntity(TableEntity e) => new(
        e.GetString("PartSku"),
        e.GetString("ProductSku"),
        e.GetString("Name"),
        e.GetInt32("QuantityOnHand") ?? 0,
        e.GetInt32("ReorderLevel") ?? 0,
        decimal.Parse(e.GetString("UnitCost"), CultureInfo.InvariantCulture));
}
