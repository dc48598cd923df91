using System.Globalization;
using System.Net;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;

namespace Amends.Payments;

/// <summary>
/// Payment instructions in Table Storage: one partition per incident, one row per kind, so an instruction
/// is added once (insert first: a second request finds the first) and an incident's instructions are one
/// range query. Status changes are guarded by the row's ETag.
/// </summary>
public sealed class PaymentInstructions(StorageAccount account)
{
    internal const string TableName = "PaymentInstructions";
    private const int Attempts = 10;
    private readonly TableClient table = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// The instruction of <paramref name="kind"/> for <paramref name="incidentId"/>: added now with
    /// <paramref name="amount"/>, or the one added before (whatever its amount: a promise is asked for once).
    /// </summary>
    public async Task<PaymentInstruction> RequestAsync(
        string incidentId, PaymentKind kind, decimal amount, string currency, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var instruction = new PaymentInstruction(PaymentInstruction.IdFor(incidentId, kind), incidentId, kind, decimal.Round(amount, 2), currency,
            PaymentStatus.Requested, now);
        try
        {
            await table.AddEntityAsync(ToEntity(instruction), cancellationToken);
            return instruction;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            return await FindAsync(instruction.Id, cancellationToken) ?? throw new InvalidOperationException($"Payment instruction {instruction.Id} vanished.", e);
        }
    }

    /// <summary>The instruction <paramref name="id"/>, or null.</summary>
    public async Task<PaymentInstruction?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        (await FindStoredAsync(id, cancellationToken))?.Value;

    /// <summary>The instructions of <paramref name="incidentId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<PaymentInstruction>> ForIncidentAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        List<PaymentInstruction> found = [];
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == incidentId, cancellationToken: cancellationToken))
        {
            found.Add(FromEntity(row));
        }

        return [.. found.OrderBy(i => i.RequestedAt)];
    }

    /// <summary>Changes instruction <paramref name="id"/> (retried when another writer got there first); null when there is none.</summary>
    public Task<PaymentInstruction?> ChangeAsync(string id, Func<PaymentInstruction, PaymentInstruction> change, CancellationToken cancellationToken = default) =>
        ContestedRow.RetryAsync<PaymentInstruction?>(Attempts, async () =>
        {
            if (await FindStoredAsync(id, cancellationToken) is not { } stored)
            {
                return null;
            }

            var changed = change(stored.Value);
            if (changed == stored.Value)
            {
                return changed;
            }

            await table.UpdateEntityAsync(ToEntity(changed), stored.ETag, TableUpdateMode.Replace, cancellationToken);
            return changed;
        }, cancellationToken);

    private async Task<Stored<PaymentInstruction>?> FindStoredAsync(string id, CancellationToken cancellationToken)
    {
        if (PaymentInstruction.Parse(id) is not { } key)
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(key.IncidentId, PaymentInstruction.Slug(key.Kind), cancellationToken: cancellationToken);
        return row.HasValue ? new Stored<PaymentInstruction>(FromEntity(row.Value!), row.Value!.ETag) : null;
    }

    private static TableEntity ToEntity(PaymentInstruction i) => new(i.IncidentId, PaymentInstruction.Slug(i.Kind))
    {
        ["Kind"] = i.Kind.ToString(),
        ["Amount"] = i.Amount.ToString(CultureInfo.InvariantCulture),
        ["Currency"] = i.Currency,
        ["Status"] = i.Status.ToString(),
        ["RequestedAt"] = i.RequestedAt,
        ["Attempts"] = i.Attempts,
        ["Posted"] = i.Posted,
        ["ConfirmedAt"] = i.ConfirmedAt,
        ["StoreReference"] = i.StoreReference,
    };

    private static PaymentInstruction FromEntity(TableEntity e)
    {
        var kind = Enum.Parse<PaymentKind>(e.GetString("Kind"));
        return new PaymentInstruction(
            PaymentInstruction.IdFor(e.PartitionKey, kind),
            e.PartitionKey,
            kind,
            decimal.Parse(e.GetString("Amount"), CultureInfo.InvariantCulture),
            e.GetString("Currency"),
            Enum.Parse<PaymentStatus>(e.GetString("Status")),
            e.GetDateTimeOffset("RequestedAt")!.Value,
            e.GetInt32("Attempts") ?? 0,
            e.GetBoolean("Posted") ?? false,
            e.GetDateTimeOffset("ConfirmedAt"),
            e.GetString("StoreReference"));
    }
}
