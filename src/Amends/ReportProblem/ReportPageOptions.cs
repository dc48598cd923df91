using System.ComponentModel.DataAnnotations;

namespace Amends.ReportProblem;

/// <summary>The "report a problem" page: its prefill links, its form's lifetime and its rate limits. Bound from <c>Amends:ReportPage</c>.</summary>
public sealed class ReportPageOptions
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
    /// Take the client's address from the last <c>X-Forwarded-For</c> entry (set by the platform's front
    /// end, as on Azure) rather than the connection's. Only behind a proxy that sets it: otherwise a client
    /// could name any address.
    /// </summary>
    public bool TrustForwardedFor { get; set; }
}
