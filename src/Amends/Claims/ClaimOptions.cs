using System.ComponentModel.DataAnnotations;

namespace Amends.Claims;

/// <summary>How long each carrier takes claims, and when staff are reminded. Bound from <c>Amends:Claims</c>.</summary>
public sealed class ClaimOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Claims";

    /// <summary>Days after delivery in which a carrier not named in <see cref="Deadlines"/> takes a claim.</summary>
    [Range(1, 3650)]
    public int DefaultDeadlineDays { get; set; } = 30;

    /// <summary>Days after delivery in which each carrier takes a claim, by carrier name (e.g. <c>Amends:Claims:Deadlines:DHL</c> = 7); names match ignoring case.</summary>
    public Dictionary<string, int> Deadlines { get; set; } = [];

    /// <summary>How long before a claim's deadline staff are reminded to file it (the sweep flags the incident).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan ReminderLead { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The days <paramref name="carrier"/> gives: its own entry, else the default.</summary>
    public int DeadlineDays(string? carrier) =>
        carrier is not null && Deadlines.FirstOrDefault(d => string.Equals(d.Key, carrier.Trim(), StringComparison.OrdinalIgnoreCase)) is { Key: not null } found
            ? found.Value
            : DefaultDeadlineDays;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Deadlines.Where(d => d.Value is < 1 or > 3650)
            .Select(d => new ValidationResult($"The claim deadline of {d.Key} must be 1 to 3650 days.", [nameof(Deadlines)]));
}
