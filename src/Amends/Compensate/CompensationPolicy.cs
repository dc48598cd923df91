using System.ComponentModel.DataAnnotations;
using Amends.Incidents;

namespace Amends.Compensate;

/// <summary>
/// How the store makes amends when it or its carrier was at fault: a discount on the next order,
/// larger when the incident took long. Bound from <c>Amends:Compensation</c>.
/// </summary>
public sealed class CompensationPolicy
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Compensation";

    /// <summary>Discount in percent when the store or the carrier was at fault.</summary>
    [Range(1, 100)]
    public int DiscountPercent { get; set; } = 10;

    /// <summary>Discount in percent when, in addition, the incident took longer than <see cref="LongIncidentAfter"/>.</summary>
    [Range(1, 100)]
    public int LongIncidentDiscountPercent { get; set; } = 20;

    /// <summary>From how long an incident counts as long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan LongIncidentAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a discount code stays valid.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan DiscountValidity { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The discount <paramref name="incident"/> earns when resolved at <paramref name="resolvedAt"/>, or 0 for none.</summary>
    public int DiscountFor(Incident incident, DateTimeOffset resolvedAt) => incident.Responsibility switch
    {
        Responsibility.Store or Responsibility.Carrier when resolvedAt - incident.CreatedAt > LongIncidentAfter => LongIncidentDiscountPercent,
        Responsibility.Store or Responsibility.Carrier => DiscountPercent,
        _ => 0,
    };
}
