using Amends.Incidents;

namespace Amends.Api;

/// <summary>A message from staff to the customer.</summary>
/// <param name="Message">What to tell the customer.</param>
public sealed record StaffUpdateRequest(string? Message);

/// <summary>A note only staff see.</summary>
/// <param name="Note">The note.</param>
public sealed record InternalNoteRequest(string? Note);

/// <summary>What went wrong and who is responsible.</summary>
/// <param name="Category">What went wrong.</param>
/// <param name="Responsibility">Who is at fault.</param>
public sealed record DiagnosisRequest(IncidentCategory? Category, Responsibility? Responsibility);

/// <summary>How the store fixes it, and what that costs.</summary>
/// <param name="Type">The kind of resolution.</param>
/// <param name="PartCost">Cost of a spare part.</param>
/// <param name="ReplacementCost">Cost of a replacement.</param>
/// <param name="ShippingCost">Shipping cost.</param>
/// <param name="LabelCost">Return label cost.</param>
/// <param name="RefundAmount">Refund or store credit amount.</param>
/// <param name="TrackingNumber">Tracking number for the customer.</param>
/// <param name="Note">What to tell the customer about it.</param>
/// <param name="Carrier">Optional: the carrier involved, for the cost reports.</param>
/// <param name="PartSku">Optional, spare part only: the part to take from stock; its unit cost becomes the part cost.</param>
/// <param name="ItemPrice">Return with label only, required: what the customer paid for the item; the return policy's fee and the refund come from it.</param>
public sealed record ResolutionRequest(
    ResolutionType? Type,
    decimal? PartCost,
    decimal? ReplacementCost,
    decimal? ShippingCost,
    decimal? LabelCost,
    decimal? RefundAmount,
    string? TrackingNumber,
    string? Note,
    string? Carrier = null,
    string? PartSku = null,
    decimal? ItemPrice = null);

/// <summary>The tracking number of the parcel on its way to the customer.</summary>
/// <param name="TrackingNumber">The carrier's tracking number.</param>
/// <param name="Carrier">Optional: the carrier, when it is not the one the resolution named.</param>
public sealed record TrackingRequest(string? TrackingNumber, string? Carrier);

/// <summary>Marks an incident resolved.</summary>
/// <param name="Note">Why, for the timeline.</param>
/// <param name="Compensation">Optional: what the customer gets instead of the policy's compensation.</param>
public sealed record ResolveRequest(string? Note, CompensationChoice? Compensation = null);

/// <summary>An incident as the API shows it: the incident, when the customer hears from us next, and its timeline.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="NextUpdateDueBy">The latest the customer hears from us next; null once resolved.</param>
/// <param name="Timeline">Everything that happened, oldest first.</param>
public sealed record IncidentView(Incident Incident, DateTimeOffset? NextUpdateDueBy, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>A spare part as staff enter it into the catalogue; the part SKU comes from the route.</summary>
/// <param name="ProductSku">The product it mends.</param>
/// <param name="Name">What the part is.</param>
/// <param name="QuantityOnHand">How many are on the shelf.</param>
/// <param name="ReorderLevel">Below this many, the sweep reports it; 0 when not given.</param>
/// <param name="UnitCost">What one part costs the store.</param>
public sealed record SparePartRequest(string? ProductSku, string? Name, int? QuantityOnHand, int? ReorderLevel, decimal? UnitCost);
