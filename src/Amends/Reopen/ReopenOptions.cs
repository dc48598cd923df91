using System.ComponentModel.DataAnnotations;

namespace Amends.Reopen;

/// <summary>What a customer's message after closing does (bound from <c>Amends:Reopen</c>).</summary>
public sealed class ReopenOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Reopen";

    /// <summary>
    /// Up to this long after closing, the customer writing reopens the incident; later, a new incident
    /// linked to it follows it up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan Within { get; set; } = TimeSpan.FromDays(30);
}
