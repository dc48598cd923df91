namespace Amends.Staff;

/// <summary>Someone of the store's support team, as incidents name them (who acted, who is on it).</summary>
/// <param name="Id">Stable id, e.g. <c>owner</c>, <c>ana-3f9c</c>, or the sign-in id Azure gives.</param>
/// <param name="Name">How the console and the timeline show them.</param>
/// <param name="Admin">Whether they may add and revoke staff accounts.</param>
/// <param name="CreatedAt">When the account was made (or first seen).</param>
/// <param name="RevokedAt">When their key was revoked; a revoked member signs in no more and cannot be assigned.</param>
public sealed record StaffMember(string Id, string Name, bool Admin, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt = null)
{
    /// <summary>The owner's account: the server's first key (<c>.amends/api-key</c> or <c>Amends:ApiKey</c>).</summary>
    public const string OwnerId = "owner";

    /// <summary>Whether the member may still act.</summary>
    public bool Active => RevokedAt is null;
}

/// <summary>A new staff account and its key, which is shown this once and stored only as a hash.</summary>
/// <param name="Member">The account.</param>
/// <param name="Key">The key to send as <c>X-Api-Key</c>.</param>
public sealed record NewStaffKey(StaffMember Member, string Key);
