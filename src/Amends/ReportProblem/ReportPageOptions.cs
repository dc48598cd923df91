using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Amends.ReportProblem;

/// <summary>The "report a problem" page: its prefill links, its form's lifetime and its rate limits. Bound from <c>Amends:ReportPage</c>.</summary>
public sealed class ReportPageOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:ReportPage";

    /// <summary>
    /// The HMAC-SHA256 key the store's back end signs prefilled links with (at least 32 characters).
    /// Empty: prefilled links are not honoured and the customer types the order number and email.
    /// </summary>
    [MinLength(32)]
    public string? PrefillSecret { get; set; }

    /// <summary>The page's language when the browser asks for none we write in.</summary>
    [Required]
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>How long a form served by the page may be sent (its signed token expires then).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan FormLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Reports one client address may send per <see cref="LimitWindow"/>.</summary>
    [Range(1, 100_000)]
    public int PerAddressLimit { get; set; } = 10;

    /// <summary>Reports one email address may send per <see cref="LimitWindow"/>.</summary>
    [Range(1, 100_000)]
    public int PerEmailLimit { get; set; } = 5;

    /// <summary>The window the limits count in.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LimitWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Take the client's address from the last <c>X-Forwarded-For</c> entry, the one the proxy in front
    /// appended, when the connection comes from <see cref="ProxyNetworks"/>. Off: the connection's address.
    /// Either way a header the visitor wrote is never believed (<see cref="ClientAddress"/>).
    /// </summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>
    /// The networks (CIDR, e.g. <c>10.1.0.0/16</c>) the proxy in front connects from. Empty: this machine and
    /// the private networks (<see cref="ClientAddress.PrivateNetworks"/>); a connection from anywhere else came
    /// straight from the internet, and its <c>X-Forwarded-For</c> is the visitor's own.
    /// </summary>
    public List<string> ProxyNetworks { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in ProxyNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"Amends:ReportPage:ProxyNetworks: \"{network}\" is not a network in CIDR notation (10.1.0.0/16).", [nameof(ProxyNetworks)]);
        }
    }
}
