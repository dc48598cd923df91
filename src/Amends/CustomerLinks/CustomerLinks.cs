using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amends.Incidents;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Amends.CustomerLinks;

/// <summary>What a customer link opens; part of what is signed, so a link for one never opens the other.</summary>
public enum LinkPurpose
{
    /// <summary>The incident's status page.</summary>
    Status,

    /// <summary>The satisfaction question of the closing email.</summary>
    Satisfaction,
}

/// <summary>What checking a link found.</summary>
public enum LinkState
{
    /// <summary>Signed by us, for this purpose, not expired, not revoked.</summary>
    Valid,

    /// <summary>Malformed, tampered with, or signed for another purpose: we never made it.</summary>
    Unknown,

    /// <summary>Ours, but past its expiry.</summary>
    Expired,

    /// <summary>Ours, but staff revoked the incident's links since.</summary>
    Revoked,
}

/// <summary>The result of checking a link.</summary>
/// <param name="State">Whether it may be used.</param>
/// <param name="IncidentId">The incident it is for, when valid.</param>
public sealed record CheckedLink(LinkState State, string? IncidentId);

/// <summary>
/// Signed, unguessable links for customers, scoped to one incident and one purpose, with an expiry:
/// <c>{incident}.{generation}.{expiry}.{HMAC-SHA256}</c>. The generation is the incident's link
/// generation (a row of its own table); staff revoking the links moves it on, so every earlier link is
/// refused and the next email carries a new one. Expiries are rounded up to a UTC midnight, so the
/// links of one day's emails are the same link.
/// </summary>
public sealed class CustomerLinks(StorageAccount account, IOptions<CustomerLinkOptions> options, TimeProvider clock)
{
    internal const string TableName = "CustomerLinks";
    private const string GenerationRow = "generation";
    private const int MaxTokenLength = 200;

    // The signature's text is compared, not its bytes: base64 has several spellings of the same bytes.
    private const int MacLength = 43;
    private readonly TableClient table = account.Table(TableName);

    // A configured key survives restarts; without one, links live as long as this process.
    private readonly byte[] key = options.Value.Secret is { Length: > 0 } secret
        ? Encoding.UTF8.GetBytes(secret)
        : RandomNumberGenerator.GetBytes(32);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The status page's address for <paramref name="incidentId"/>, valid for the configured lifetime.</summary>
    public async Task<string> StatusUrlAsync(string incidentId, CancellationToken cancellationToken = default) =>
        Url("status/", await TokenAsync(incidentId, LinkPurpose.Status, cancellationToken), "");

    /// <summary>The five one-click satisfaction addresses, score 1 to 5.</summary>
    public async Task<IReadOnlyList<string>> SatisfactionUrlsAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var token = await TokenAsync(incidentId, LinkPurpose.Satisfaction, cancellationToken);
        return [.. Enumerable.Range(1, 5).Select(score => Url("satisfaction/", token, "?score=" + score.ToString(CultureInfo.InvariantCulture)))];
    }

    /// <summary>A token for <paramref name="incidentId"/> and <paramref name="purpose"/> under its current generation.</summary>
    public async Task<string> TokenAsync(string incidentId, LinkPurpose purpose, CancellationToken cancellationToken = default)
    {
        var lifetime = purpose == LinkPurpose.Status ? options.Value.StatusLinkLifetime : options.Value.SatisfactionLinkLifetime;
        var until = clock.GetUtcNow() + lifetime;
        var midnight = new DateTimeOffset(until.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        return Sign(incidentId, purpose, await GenerationAsync(incidentId, cancellationToken), midnight);
    }

    /// <summary>Checks <paramref name="token"/> for <paramref name="purpose"/>: signature first, then expiry, then revocation.</summary>
    public async Task<CheckedLink> CheckAsync(string? token, LinkPurpose purpose, CancellationToken cancellationToken = default)
    {
        if (Parse(token) is not { } parsed ||
            !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(parsed.Mac), Encoding.ASCII.GetBytes(Base64Url(Mac(Payload(parsed.IncidentId, purpose, parsed.Generation, parsed.Expiry))))))
        {
            return new CheckedLink(LinkState.Unknown, null);
        }

        if (clock.GetUtcNow().ToUnixTimeSeconds() >= parsed.Expiry)
        {
            return new CheckedLink(LinkState.Expired, null);
        }

        return await GenerationAsync(parsed.IncidentId, cancellationToken) == parsed.Generation
            ? new CheckedLink(LinkState.Valid, parsed.IncidentId)
            : new CheckedLink(LinkState.Revoked, null);
    }

    /// <summary>Refuses every link made so far for <paramref name="incidentId"/>; returns the new generation.</summary>
    public async Task<int> RevokeAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                var current = await table.GetEntityIfExistsAsync<TableEntity>(incidentId, GenerationRow, cancellationToken: cancellationToken);
                if (current.HasValue)
                {
                    var next = (current.Value!.GetInt32("Generation") ?? 0) + 1;
                    current.Value["Generation"] = next;
                    await table.UpdateEntityAsync(current.Value, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                    return next;
                }

                await table.AddEntityAsync(new TableEntity(incidentId, GenerationRow) { ["Generation"] = 1 }, cancellationToken);
                return 1;
            }
            catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
            {
                // Two revocations at once: read again; each moves the generation on.
            }
        }
    }

    /// <summary>
    /// A key for a form on the page <paramref name="token"/> opens: only we can make it, so a post that
    /// lacks it did not come from our page.
    /// </summary>
    public string FormKey(string token) => Base64Url(Mac("form\n" + token));

    /// <summary>Whether <paramref name="formKey"/> is the form key of <paramref name="token"/>.</summary>
    public bool IsFormKey(string token, string? formKey) =>
        formKey is { Length: > 0 and < 100 } &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(formKey), Encoding.ASCII.GetBytes(FormKey(token)));

    private async Task<int> GenerationAsync(string incidentId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(incidentId, GenerationRow, select: ["Generation"], cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetInt32("Generation") ?? 0 : 0;
    }

    private string Sign(string incidentId, LinkPurpose purpose, int generation, DateTimeOffset expiry)
    {
        var seconds = expiry.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"{incidentId}.{generation}.{seconds}.{Base64Url(Mac(Payload(incidentId, purpose, generation, seconds)))}");
    }

    private string Url(string path, string token, string query) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}/{path}{token}{query}";

    private static string Payload(string incidentId, LinkPurpose purpose, int generation, long expiry) =>
        string.Create(CultureInfo.InvariantCulture, $"{purpose}\n{incidentId}\n{generation}\n{expiry}");

    private byte[] Mac(string payload) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload));

    private static ParsedToken? Parse(string? token)
    {
        if (token is null || token.Length > MaxTokenLength)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 4 || !IncidentNumber.IsWellFormed(parts[0]) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ||
            !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) ||
            parts[3] is not { Length: MacLength } mac)
        {
            return null;
        }

        return new ParsedToken(parts[0], generation, expiry, mac);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record ParsedToken(string IncidentId, int Generation, long Expiry, string Mac);
}
