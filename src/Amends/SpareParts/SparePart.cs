namespace Amends.SpareParts;

/// <summary>A spare part on the shelf, kept for mending one product.</summary>
/// <param name="PartSku">The part's own SKU, e.g. <c>KETTLE-01-LID</c>.</param>
/// <param name="ProductSku">The product it mends, e.g. <c>KETTLE-01</c>.</param>
/// <param name="Name">What the part is, as staff call it.</param>
/// <param name="QuantityOnHand">How many are on the shelf, not yet promised to an incident.</param>
/// <param name="ReorderLevel">Below this many, it is time to order more.</param>
/// <param name="UnitCost">What one part costs the store; the part cost of an incident it mends.</param>
public sealed record SparePart(string PartSku, string ProductSku, string Name, int QuantityOnHand, int ReorderLevel, decimal UnitCost)
{
    /// <summary>Fewer on the shelf than the reorder level: the daily sweep counts it.</summary>
    public bool IsLowStock => QuantityOnHand < ReorderLevel;
}

/// <summary>How reserving a part for an incident went.</summary>
public enum ReservationOutcome
{
    /// <summary>One part is set aside for the incident (now, or by an earlier call for the same incident).</summary>
    Reserved,

    /// <summary>None left on the shelf.</summary>
    OutOfStock,

    /// <summary>No part with that SKU in the catalogue.</summary>
    UnknownPart,
}

/// <summary>The outcome of reserving a part, with the part as it was reserved.</summary>
/// <param name="Outcome">How it went.</param>
/// <param name="Part">The part; its unit cost is what the reservation was made at. Null for an unknown part.</param>
public sealed record SparePartReservation(ReservationOutcome Outcome, SparePart? Part);
