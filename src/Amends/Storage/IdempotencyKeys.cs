using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Amends.Storage;

/// <summary>
/// The one idempotency seam: a request key (an <c>Idempotency-Key</c> header, an email's Message-ID)
/// is claimed once for a resource id, so a retried request finds the resource the first one made.
/// </summary>
public sealed class IdempotencyKeys(StorageAccount account)
{
    internal const string TableName = "IdempotencyKeys";

    private readonly TableClient table = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Claims <paramref name="key"/> in <paramref name="scope"/> for <paramref name="resourceId"/>, or
    /// returns the claim made before.
    /// </summary>
    /// <param name="scope">What the key belongs to, e.g. <c>create-incident</c>.</param>
    /// <param name="key">The caller's key.</param>
    /// <param name="resourceId">The id the resource gets if this is the first claim.</param>
    /// <param name="fingerprint">A hash of the request, to tell a retry from a different request reusing the key.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<IdempotencyClaim> ClaimAsync(
        string scope, string key, string resourceId, string fingerprint, CancellationToken cancellationToken = default)
    {
        var rowKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        try
        {
            await table.AddEntityAsync(
                new TableEntity(scope, rowKey) { ["ResourceId"] = resourceId, ["Fingerprint"] = fingerprint },
                cancellationToken);
            return new IdempotencyClaim(resourceId, IsFirst: true, SameRequest: true);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            var existing = await table.GetEntityAsync<TableEntity>(scope, rowKey, cancellationToken: cancellationToken);
            return new IdempotencyClaim(
                existing.Value.GetString("ResourceId"),
                IsFirst: false,
                SameRequest: existing.Value.GetString("Fingerprint") == fingerprint);
        }
    }

    /// <summary>
    /// Deletes every claim made for one of <paramref name="resourceIds"/> (erasure); returns how many. A
    /// claim is for a resource when its resource id is that id or names it between <c>|</c> separators
    /// (an inbound mail's claim holds its decision: kind, incident and entry stem). Claims are keyed by
    /// request, not by resource, so this reads the whole table: erasures are rare.
    /// </summary>
    public async Task<int> ForgetAsync(IReadOnlyCollection<string> resourceIds, CancellationToken cancellationToken = default)
    {
        if (resourceIds.Count == 0)
        {
            return 0;
        }

        List<(string Partition, string Row)> claims = [];
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "ResourceId"], cancellationToken: cancellationToken))
        {
            var resource = row.GetString("ResourceId") ?? "";
            if (resourceIds.Any(id => resource == id || resource.Contains($"|{id}|", StringComparison.Ordinal)))
            {
                claims.Add((row.PartitionKey, row.RowKey));
            }
        }

        var deleted = 0;
        foreach (var (partition, row) in claims)
        {
            if ((await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken)).Status != (int)HttpStatusCode.NotFound)
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>A SHA-256 fingerprint of a request body.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> body) => Convert.ToHexString(SHA256.HashData(body));
}

/// <summary>The outcome of claiming an idempotency key.</summary>
/// <param name="ResourceId">The resource the key stands for.</param>
/// <param name="IsFirst">True when this request made the claim.</param>
/// <param name="SameRequest">False when an earlier, different request used the same key.</param>
public sealed record IdempotencyClaim(string ResourceId, bool IsFirst, bool SameRequest);
