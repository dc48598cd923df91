using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;

namespace Amends.Staff;

/// <summary>
/// The store's staff accounts in Table Storage: one row per member, and one per key, keyed by the key's
/// SHA-256, pointing at its member. Keys are 256 random bits, so a plain hash is enough to keep them:
/// nobody can guess one from its hash, and a key is found by one point read.
/// </summary>
public sealed class StaffDirectory(StorageAccount account, TimeProvider clock)
{
    /// <summary>The longest name a member may have.</summary>
    public const int MaxNameLength = 100;

    internal const string TableName = "Staff";
    private const string Members = "member";
    private const string Keys = "key";

    /// <summary>Names the timeline already uses for others than staff.</summary>
    private static readonly string[] Reserved = ["customer", "amends", "staff", "me"];

    private readonly TableClient table = account.Table(TableName);
    private readonly ConcurrentDictionary<string, bool> registered = new(StringComparer.Ordinal);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Why <paramref name="name"/> cannot be a member's name; null when it can.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Required."
        : name.Trim().Length > MaxNameLength ? $"At most {MaxNameLength} characters."
        : name.Any(char.IsControl) ? "No control characters."
        : Reserved.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase) ? $"Not one of {string.Join(", ", Reserved)}: the timeline uses them."
        : null;

    /// <summary>Adds a member with a new key; the key is returned this once and kept only as its hash.</summary>
    public async Task<NewStaffKey> AddAsync(string name, bool admin = false, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var hash = Hash(key);
        var member = new StaffMember(NewId(name), name, admin, clock.GetUtcNow());

        // The key row first: a member row never exists without the key that signs it in.
        await table.AddEntityAsync(new TableEntity(Keys, hash) { ["MemberId"] = member.Id }, cancellationToken);
        await table.AddEntityAsync(ToEntity(member, hash), cancellationToken);
        return new NewStaffKey(member, key);
    }

    /// <summary>
    /// The member whose key <paramref name="key"/> is, revoked or not (the caller tells the two apart);
    /// null for a key nobody has.
    /// </summary>
    public async Task<StaffMember?> AuthenticateAsync(string key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        var hash = Hash(key);
        var pointer = await table.GetEntityIfExistsAsync<TableEntity>(Keys, hash, cancellationToken: cancellationToken);
        if (!pointer.HasValue)
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(Members, pointer.Value!.GetString("MemberId"), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetString("KeyHash") is not { } stored)
        {
            return null;
        }

        // Found by its hash already; compared again in constant time so no code path depends on how much matched.
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(hash))
            ? ToMember(row.Value)
            : null;
    }

    /// <summary>The member with <paramref name="id"/>, or null.</summary>
    public async Task<StaffMember?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 200 || id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(Members, id, cancellationToken: cancellationToken);
        return row.HasValue ? ToMember(row.Value!) : null;
    }

    /// <summary>Every member, revoked ones too, by name.</summary>
    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        List<StaffMember> members = [];
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Members}"), cancellationToken: cancellationToken))
        {
            members.Add(ToMember(row));
        }

        return [.. members.OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Revokes a member's key: it signs in no more, and the member can no longer be assigned. Idempotent.</summary>
    /// <returns>The member as revoked, or null when there is none with that id.</returns>
    public async Task<StaffMember?> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(id, cancellationToken) is not { } member)
        {
            return null;
        }

        if (!member.Active)
        {
            return member;
        }

        var revoked = member with { RevokedAt = clock.GetUtcNow() };
        await table.UpsertEntityAsync(
            new TableEntity(Members, id) { ["RevokedAt"] = revoked.RevokedAt }, TableUpdateMode.Merge, cancellationToken);
        return revoked;
    }

    /// <summary>
    /// Makes sure a member signed in some other way (the owner's key, an Azure sign-in or function key) is
    /// in the directory, so they can be assigned and listed; a revoked one stays revoked.
    /// </summary>
    public async Task RegisterAsync(StaffMember member, CancellationToken cancellationToken = default)
    {
        if (registered.ContainsKey(member.Id))
        {
            return;
        }

        try
        {
            await table.AddEntityAsync(ToEntity(member, keyHash: null), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // Known already; keep the name up to date, as the sign-in gives it now.
            await table.UpsertEntityAsync(new TableEntity(Members, member.Id) { ["Name"] = member.Name, ["Admin"] = member.Admin }, TableUpdateMode.Merge, cancellationToken);
        }

        registered[member.Id] = true;
    }

    /// <summary>SHA-256 of a key, hex: how keys are stored and configured.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string NewId(string name)
    {
        var slug = new string([.. name.ToLowerInvariant().Normalize(NormalizationForm.FormD)
            .Where(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or ' ' or '-')
            .Select(c => c == ' ' ? '-' : c)]).Trim('-');
        slug = slug.Length switch { 0 => "staff", > 20 => slug[..20].Trim('-'), _ => slug };
        return string.Create(CultureInfo.InvariantCulture, $"{slug}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}");
    }

    private static TableEntity ToEntity(StaffMember member, string? keyHash) => new(Members, member.Id)
    {
        ["Name"] = member.Name,
        ["Admin"] = member.Admin,
        ["CreatedAt"] = member.CreatedAt,
        ["RevokedAt"] = member.RevokedAt,
        ["KeyHash"] = keyHash,
    };

    private static StaffMember ToMember(TableEntity e) => new(
        e.RowKey,
        e.GetString("Name") ?? e.RowKey,
        e.GetBoolean("Admin") ?? false,
        e.GetDateTimeOffset("CreatedAt") ?? e.Timestamp ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("RevokedAt"));
}
