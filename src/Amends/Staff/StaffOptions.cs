using System.ComponentModel.DataAnnotations;

namespace Amends.Staff;

/// <summary>Named staff (bound from <c>Amends:Staff</c>).</summary>
public sealed class StaffOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Staff";

    /// <summary>The name the owner's account (the server's first key) shows.</summary>
    [Required, MaxLength(StaffDirectory.MaxNameLength)]
    public string OwnerName { get; set; } = "Owner";

    /// <summary>
    /// Azure: who may add and revoke staff accounts, by staff id (a sign-in's name as App Service
    /// Authentication gives it, or a function key's name), comma-separated.
    /// </summary>
    public string Admins { get; set; } = "";

    /// <summary>
    /// Azure: the per-person function keys, by the key's name in the Function App: the person's name and the
    /// SHA-256 (hex) of the key's value. The worker sees the key a request carries but not its name.
    /// </summary>
    public Dictionary<string, FunctionKeyHolder> FunctionKeys { get; set; } = [];

    /// <summary>
    /// Azure: whether App Service Authentication is on, so its <c>X-MS-CLIENT-PRINCIPAL-*</c> headers can be
    /// trusted (it strips them from what callers send); without it, anyone with a key could send them.
    /// Set from <c>WEBSITE_AUTH_ENABLED</c>, which App Service sets to <c>True</c> when its authentication is on.
    /// </summary>
    public bool AppServiceAuthentication { get; set; }

    /// <summary>Whether <paramref name="staffId"/> is named in <see cref="Admins"/>.</summary>
    public bool IsAdmin(string staffId) =>
        Admins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(staffId, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Whose function key it is.</summary>
public sealed class FunctionKeyHolder
{
    /// <summary>The person's name, as the console and timeline show it.</summary>
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the key's value, hex (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";
}
