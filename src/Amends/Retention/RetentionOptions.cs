using System.ComponentModel.DataAnnotations;

namespace Amends.Retention;

/// <summary>How long files of closed incidents are kept. Bound from <c>Amends:Retention</c>.</summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Retention";

    /// <summary>
    /// How long after closing an incident its raw mail and photos are kept; the sweep deletes them after
    /// that (and in Azure the storage account's lifecycle rule, set from the same number of days).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ClosedIncidentFiles { get; set; } = TimeSpan.FromDays(90);
}
