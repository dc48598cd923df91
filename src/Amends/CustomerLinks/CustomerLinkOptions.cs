using System.ComponentModel.DataAnnotations;

namespace Amends.CustomerLinks;

/// <summary>
/// How links in customer emails are signed and how long they last. Bound from <c>Amends:CustomerLinks</c>;
/// the public address from <c>Amends:PublicBaseUrl</c>.
/// </summary>
public sealed class CustomerLinkOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:CustomerLinks";

    /// <summary>
    /// The HMAC-SHA256 key links are signed with (at least 32 characters). Empty: a random key for this
    /// process only, so links die with it; the standalone server keeps one in <c>.amends/</c>, Azure in Key Vault.
    /// </summary>
    [MinLength(32)]
    public string? Secret { get; set; }

    /// <summary>How long a status link works after the email that carries it.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan StatusLinkLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How long the satisfaction links of the closing email work.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan SatisfactionLinkLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Where customers reach the app (<c>Amends:PublicBaseUrl</c>); links start with it.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";
}
