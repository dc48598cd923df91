using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace Amends.Compensate;

/// <summary>
/// Discount codes in Table Storage, one row per code (so codes are unique) and one per incident
/// (so an incident never gets two, however often the step is retried).
/// </summary>
public sealed class DiscountCodes(Storage.StorageAccount account)
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
