using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Amends.Ledger;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;

namespace Amends.Compensate;

/// <summary>
/// Discount codes in Table Storage, one row per code (so codes are unique) and one per incident
/// (so an incident never gets two, however often the step is retried). A redeemed code's discount is
/// what it cost: it goes to the incident's ledger as its <see cref="CostKind.DiscountRedeemed"/> line.
/// </summary>
public sealed class DiscountCodes(StorageAccount account, IncidentStore incidents, CostLedger ledger)
{
    internal const string TableName = "DiscountCodes";
    private const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
    private readonly TableClient table = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The incident's discount code, issued now if it has none.</summary>
    public async Task<DiscountCode> IssueAsync(string incidentId, int percent, DateTimeOffset validUntil, CancellationToken cancellationToken = default)
    {
        if (await FindForIncidentAsync(incidentId, cancellationToken) is { } existing)
        {
            return existing;
        }

        while (true)
        {
            var code = new DiscountCode(NewCode(), incidentId, percent, validUntil);
            try
            {
                await table.AddEntityAsync(ToEntity("code", code.Code, code), cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                continue;
            }

            try
            {
                await table.AddEntityAsync(ToEntity("incident", incidentId, code), cancellationToken);
                return code;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                // A concurrent retry issued one first; theirs stands, ours stays recorded but unused.
                return (await FindForIncidentAsync(incidentId, cancellationToken))!;
            }
        }
    }

    /// <summary>The code issued to <paramref name="incidentId"/>, if any.</summary>
    public async Task<DiscountCode?> FindForIncidentAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>("incident", incidentId, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>The code as the store's checkout sees it: its discount, validity and whether it was used.</summary>
    public async Task<DiscountCodeState?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>("code", code, cancellationToken: cancellationToken);
        return row.HasValue ? StateOf(row.Value!) : null;
    }

    /// <summary>
    /// Marks the code used by <paramref name="orderNumber"/>, which got <paramref name="discount"/> off
    /// (when the store says), and records that discount as the incident's cost. Single use: the update is
    /// conditional on the row's ETag, so of two checkouts redeeming at once exactly one wins. The same
    /// order redeeming again (a retried request) gets the first answer back instead of a conflict, and
    /// the ledger line is written again, which changes nothing (one line per incident and kind), so a
    /// retry after a failure between the two finishes the job.
    /// </summary>
    public async Task<RedeemResult> RedeemAsync(string code, string orderNumber, DateTimeOffset now, decimal? discount = null, CancellationToken cancellationToken = default)
    {
        var result = await MarkRedeemedAsync(code, orderNumber, now, discount, cancellationToken);
        if (result is { Outcome: RedeemOutcome.Redeemed, State: { Discount: { } given } state }
            && await incidents.FindAsync(state.Code.IncidentId, cancellationToken) is { Value: var incident })
        {
            await ledger.RecordAsync([CostLine.Of(incident, CostKind.DiscountRedeemed, given, state.RedeemedAt ?? now)], cancellationToken);
        }

        return result;
    }

    private async Task<RedeemResult> MarkRedeemedAsync(string code, string orderNumber, DateTimeOffset now, decimal? discount, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>("code", code, cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                return new RedeemResult(RedeemOutcome.Unknown, null);
            }

            var entity = row.Value!;
            var state = StateOf(entity);
            if (state.Redeemed)
            {
                return new RedeemResult(state.RedeemedByOrder == orderNumber ? RedeemOutcome.Redeemed : RedeemOutcome.AlreadyRedeemed, state);
            }

            if (now > state.ValidUntil)
            {
                return new RedeemResult(RedeemOutcome.Expired, state);
            }

            entity["Redeemed"] = true;
            entity["RedeemedAt"] = now;
            entity["RedeemedByOrder"] = orderNumber;
            entity["Discount"] = discount is { } given ? decimal.Round(given, 2).ToString(CultureInfo.InvariantCulture) : null;
            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return new RedeemResult(RedeemOutcome.Redeemed, StateOf(entity));
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                // Someone redeemed (or otherwise changed) it since we read it: read again and answer from what stands.
            }
        }
    }

    /// <summary>
    /// Unlinks the incident's code from the order that redeemed it and deletes the incident's row: the
    /// code itself (its discount, validity and whether it was used) stays, so it cannot be used twice.
    /// </summary>
    /// <returns>Whether the incident had a code.</returns>
    public async Task<bool> ForgetIncidentAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>("incident", incidentId, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return false;
        }

        var code = await table.GetEntityIfExistsAsync<TableEntity>("code", row.Value!.GetString("Code"), cancellationToken: cancellationToken);
        if (code.HasValue && code.Value!.ContainsKey("RedeemedByOrder"))
        {
            code.Value.Remove("RedeemedByOrder");
            await table.UpdateEntityAsync(code.Value, ETag.All, TableUpdateMode.Replace, cancellationToken);
        }

        await table.DeleteEntityAsync("incident", incidentId, ETag.All, cancellationToken);
        return true;
    }

    private static DiscountCodeState StateOf(TableEntity e) =>
        new(FromEntity(e), e.GetBoolean("Redeemed") ?? false, e.GetDateTimeOffset("RedeemedAt"), e.GetString("RedeemedByOrder"),
            e.GetString("Discount") is { Length: > 0 } given ? decimal.Parse(given, CultureInfo.InvariantCulture) : null);

    private static string NewCode() =>
        "SORRY-" + string.Concat(Enumerable.Range(0, 8).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));

    private static TableEntity ToEntity(string partition, string row, DiscountCode code) => new(partition, row)
    {
        ["Code"] = code.Code,
        ["IncidentId"] = code.IncidentId,
        ["Percent"] = code.Percent,
        ["ValidUntil"] = code.ValidUntil,
        ["Redeemed"] = false,
    };

    private static DiscountCode FromEntity(TableEntity e) =>
        new(e.GetString("Code"), e.GetString("IncidentId"), e.GetInt32("Percent") ?? 0, e.GetDateTimeOffset("ValidUntil")!.Value);
}

/// <summary>A single-use discount on the customer's next order.</summary>
/// <param name="Code">What the customer types at checkout.</param>
/// <param name="IncidentId">The incident it makes amends for.</param>
/// <param name="Percent">The discount.</param>
/// <param name="ValidUntil">Last moment it can be used.</param>
public sealed record DiscountCode(string Code, string IncidentId, int Percent, DateTimeOffset ValidUntil);

/// <summary>A discount code with whether it has been used.</summary>
/// <param name="Code">The code and its discount.</param>
/// <param name="Redeemed">Whether an order has used it.</param>
/// <param name="RedeemedAt">When it was used.</param>
/// <param name="RedeemedByOrder">The store's order number that used it.</param>
/// <param name="Discount">What the order got off, in the store's currency, when the store said.</param>
public sealed record DiscountCodeState(DiscountCode Code, bool Redeemed, DateTimeOffset? RedeemedAt, string? RedeemedByOrder, decimal? Discount = null)
{
    /// <summary>Last moment it can be used.</summary>
    public DateTimeOffset ValidUntil => Code.ValidUntil;
}

/// <summary>How a redeem went.</summary>
public enum RedeemOutcome
{
    /// <summary>Used now, or earlier by the same order.</summary>
    Redeemed,

    /// <summary>No such code.</summary>
    Unknown,

    /// <summary>Another order used it.</summary>
    AlreadyRedeemed,

    /// <summary>Past its validity.</summary>
    Expired,
}

/// <summary>The outcome of a redeem and the code as it stands after it.</summary>
/// <param name="Outcome">How it went.</param>
/// <param name="State">The code, unless unknown.</param>
public sealed record RedeemResult(RedeemOutcome Outcome, DiscountCodeState? State);
