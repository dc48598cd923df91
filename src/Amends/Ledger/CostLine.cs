using Amends.Incidents;

namespace Amends.Ledger;

/// <summary>What a cost was for; with the incident, it names a ledger line (one line per incident and kind).</summary>
public enum CostKind
{
    /// <summary>A spare part.</summary>
    Part,

    /// <summary>A replacement item.</summary>
    Replacement,

    /// <summary>Shipping the part or replacement.</summary>
    Shipping,

    /// <summary>A return label.</summary>
    ReturnLabel,

    /// <summary>Money given back.</summary>
    Refund,

    /// <summary>Store credit given.</summary>
    StoreCredit,

    /// <summary>What the compensation cost (refunded shipping, a gift; a discount costs nothing until redeemed).</summary>
    Compensation,

    /// <summary>What a discount code cost when the store redeemed it.</summary>
    DiscountRedeemed,

    /// <summary>Income: the restocking fee kept from a refund after a return.</summary>
    RestockingFee,

    /// <summary>Income: what a returned item is worth again, from its inspection (0 when written off).</summary>
    RecoveredGoods,

    /// <summary>Income: what the carrier paid on a claim.</summary>
    CarrierRecovery,
}

/// <summary>Which ledger lines are money coming back to the store.</summary>
public static class CostKinds
{
    /// <summary>True for the kinds that reduce an incident's net cost instead of adding to it; their amounts are still positive.</summary>
    public static bool IsIncome(this CostKind kind) => kind is CostKind.RestockingFee or CostKind.RecoveredGoods or CostKind.CarrierRecovery;
}

/// <summary>One cost of one incident, as the ledger records it.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Kind">What the money was for.</param>
/// <param name="Amount">How much.</param>
/// <param name="Sku">The product concerned, when known.</param>
/// <param name="Category">What went wrong.</param>
/// <param name="Responsibility">Who was at fault.</param>
/// <param name="Carrier">The carrier involved, when known.</param>
/// <param name="Date">When the cost arose.</param>
public sealed record CostLine(
    string IncidentId,
    CostKind Kind,
    decimal Amount,
    string? Sku,
    IncidentCategory Category,
    Responsibility Responsibility,
    string? Carrier,
    DateTimeOffset Date)
{
    /// <summary>
    /// The lines of <paramref name="resolution"/>, one for every kind a resolution can cost; a kind it
    /// does not cost has amount 0, so a changed resolution takes the old one's lines out of the ledger. A
    /// return's refund is the one requested after inspection (0 before), beside its restocking fee and the
    /// goods recovered, both income.
    /// </summary>
    public static IReadOnlyList<CostLine> ForResolution(Incident incident, Resolution resolution, DateTimeOffset date)
    {
        var credit = resolution.Type == ResolutionType.StoreCredit;
        var returned = resolution.Type == ResolutionType.ReturnWithLabel ? incident.Return : null;
        var refund = resolution.Type == ResolutionType.ReturnWithLabel ? returned?.Refund ?? 0 : resolution.RefundAmount;
        (CostKind Kind, decimal Amount)[] costs =
        [
            (CostKind.Part, resolution.PartCost),
            (CostKind.Replacement, resolution.ReplacementCost),
            (CostKind.Shipping, resolution.ShippingCost),
            (CostKind.ReturnLabel, resolution.LabelCost),
            (CostKind.Refund, credit ? 0 : refund),
            (CostKind.StoreCredit, credit ? resolution.RefundAmount : 0),
            (CostKind.RestockingFee, returned?.RestockingFee ?? 0),
            (CostKind.RecoveredGoods, returned?.RecoveredValue ?? 0),
        ];
        return [.. costs.Select(c => Of(incident, c.Kind, c.Amount, date, resolution.Carrier))];
    }

    /// <summary>A line of <paramref name="kind"/> for <paramref name="incident"/>.</summary>
    public static CostLine Of(Incident incident, CostKind kind, decimal amount, DateTimeOffset date, string? carrier = null) =>
        new(incident.Id, kind, amount, incident.Sku, incident.Category, incident.Responsibility, carrier ?? incident.Resolution?.Carrier, date);
}
