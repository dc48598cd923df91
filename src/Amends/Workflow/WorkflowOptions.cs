using System.ComponentModel.DataAnnotations;

namespace Amends.Workflow;

/// <summary>Durations and limits of the incident workflow. Bound from <c>Amends:Silence</c>.</summary>
public sealed class SilenceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Silence";

    /// <summary>The longest a customer may go without a message from us before the workflow writes itself.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan Limit { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How many waits (a message delivered or a timer fired) one orchestration generation runs before
    /// it continues as new, which keeps its history bounded.
    /// </summary>
    [Range(1, 100)]
    public int TurnsPerGeneration { get; set; } = 10;
}
