using Amends.Incidents;

namespace Amends.Tests;

/// <summary>Test incidents with sensible defaults; tests change only what they are about.</summary>
internal static class IncidentBuilder
{
    public static Incident Reported(DateTimeOffset at, string? id = null, string language = "en") => new(
        id ?? IncidentNumber.New(),
        new Customer("giulia@example.it", "Giulia Rossi", language),
        "#1001",
        "The handle of the kettle arrived broken.",
        "KETTLE-01",
        IncidentStatus.Open,
        IncidentCategory.Unknown,
        Responsibility.Unknown,
        at,
        at,
        NeedsAttention: false,
        Resolution: null,
        ResolvedAt: null,
        ClosedAt: null,
        DiscountCode: null);
}
