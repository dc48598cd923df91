using Amends.Incidents;

namespace Amends.Claims;

/// <summary>Where a claim with the carrier stands.</summary>
public enum ClaimStatus
{
    /// <summary>Opened: staff still have to file it on the carrier's form, before its deadline.</summary>
    Open,

    /// <summary>Filed with the carrier; its amount is fixed.</summary>
    Filed,

    /// <summary>The carrier accepted it and has yet to pay.</summary>
    Accepted,

    /// <summary>The carrier paid; the amount is booked as a carrier recovery in the ledger.</summary>
    Paid,

    /// <summary>The carrier refused it.</summary>
    Rejected,
}

/// <summary>
/// A claim against the carrier that damaged or lost an incident's parcel: one per incident, as stored.
/// Until it is filed, what staff leave empty follows the incident (carrier and amounts from its resolution).
/// </summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="Carrier">The carrier claimed against, as staff set it; null for the store order's, else the resolution's.</param>
/// <param name="TrackingNumber">The tracking number of the original shipment, the one the carrier damaged or lost.</param>
/// <param name="DeliveredAt">When that shipment was delivered (or due), as staff set it; null for the store order's delivery, else the incident's creation.</param>
/// <param name="GoodsValue">The value of the goods, as staff set it; null for the resolution's.</param>
/// <param name="Shipping">What the original shipment cost.</param>
/// <param name="Amount">The amount claimed as staff corrected it; null for goods + shipping + the replacement's shipping. Fixed when filed.</param>
/// <param name="Reference">The carrier's number for the claim, when filed.</param>
/// <param name="FiledAt">When it was filed.</param>
/// <param name="AcceptedAt">When the carrier accepted it.</param>
/// <param name="PaidAt">When the carrier paid.</param>
/// <param name="PaidAmount">What the carrier paid.</param>
/// <param name="RejectedAt">When the carrier refused it.</param>
/// <param name="Note">Staff's last note on it, e.g. why the carrier refused.</param>
/// <param name="RemindedAt">When staff were reminded of its deadline (once per claim).</param>
public sealed record CarrierClaim(
    string IncidentId,
    ClaimStatus Status,
    DateTimeOffset OpenedAt,
    string? Carrier = null,
    string? TrackingNumber = null,
    DateTimeOffset? DeliveredAt = null,
    decimal? GoodsValue = null,
    decimal Shipping = 0,
    decimal? Amount = null,
    string? Reference = null,
    DateTimeOffset? FiledAt = null,
    DateTimeOffset? AcceptedAt = null,
    DateTimeOffset? PaidAt = null,
    decimal? PaidAmount = null,
    DateTimeOffset? RejectedAt = null,
    string? Note = null,
    DateTimeOffset? RemindedAt = null)
{
    /// <summary>Whether the carrier has given its last word (paid or refused).</summary>
    public bool IsSettled => Status is ClaimStatus.Paid or ClaimStatus.Rejected;

    /// <summary>The claim as staff and the carrier see it, with what follows from <paramref name="incident"/> and <paramref name="options"/>.</summary>
    public ClaimView View(Incident incident, ClaimOptions options)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(options);
        var resolution = incident.Resolution;
        // The store's order (when it was read) names the carrier, tracking and delivery of the original parcel.
        var shipped = incident.Order?.Details;
        var carrier = Carrier ?? shipped?.Carrier ?? resolution?.Carrier;
        var goods = GoodsValue ?? GoodsOf(resolution);
        var replacementShipping = resolution?.ShippingCost ?? 0;
        var claimed = Amount ?? goods + Shipping + replacementShipping;
        var knownDelivery = DeliveredAt ?? shipped?.DeliveredAt;
        var delivered = knownDelivery ?? incident.CreatedAt;
        var deadline = delivered.AddDays(options.DeadlineDays(carrier));
        decimal? lost = Status switch
        {
            ClaimStatus.Paid => Math.Max(0, claimed - (PaidAmount ?? 0)),
            ClaimStatus.Rejected => claimed,
            _ => null,
        };
        return new ClaimView(IncidentId, Status, carrier, TrackingNumber ?? shipped?.TrackingNumber, delivered, knownDelivery is null, deadline, deadline - options.ReminderLead,
            goods, Shipping, replacementShipping, claimed, Amount is not null, Reference, PaidAmount, lost,
            OpenedAt, FiledAt, AcceptedAt, PaidAt, RejectedAt, Note, RemindedAt);
    }

    /// <summary>
    /// What the goods lost were worth, from the resolution: the item's price when staff gave it, else
    /// what replacing them cost (replacement and part), else the refund given.
    /// </summary>
    public static decimal GoodsOf(Resolution? resolution) =>
        resolution is null ? 0
        : resolution.ItemPrice is { } price ? price
        : resolution.ReplacementCost + resolution.PartCost is > 0 and var replaced ? replaced
        : resolution.RefundAmount;
}

/// <summary>A carrier claim as the API shows it: what is stored, and what follows from the incident and the settings.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Carrier">The carrier claimed against (staff's, else the store order's, else the resolution's); null while unknown.</param>
/// <param name="TrackingNumber">The original shipment's tracking number (staff's, else the store order's); null while unknown.</param>
/// <param name="DeliveredAt">When the shipment was delivered: as staff set it, else as the store's order says, else when the incident was reported.</param>
/// <param name="DeliveredAtAssumed">True while <paramref name="DeliveredAt"/> is the incident's creation, not a known delivery date.</param>
/// <param name="Deadline">The last day the carrier takes the claim: delivery + the carrier's days (<c>Amends:Claims:Deadlines</c>).</param>
/// <param name="RemindFrom">From when the sweep reminds staff (deadline − <c>Amends:Claims:ReminderLead</c>).</param>
/// <param name="Goods">What the goods were worth.</param>
/// <param name="Shipping">What the original shipment cost.</param>
/// <param name="ReplacementShipping">What shipping the replacement cost (the resolution's shipping).</param>
/// <param name="ClaimedAmount">The amount claimed: goods + shipping + replacement shipping, unless staff corrected it.</param>
/// <param name="AmountCorrected">True when staff set the amount themselves.</param>
/// <param name="Reference">The carrier's number for the claim.</param>
/// <param name="PaidAmount">What the carrier paid.</param>
/// <param name="Lost">What the store does not get back: claimed − paid once paid, all of it once refused; null while pending.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="FiledAt">When it was filed.</param>
/// <param name="AcceptedAt">When the carrier accepted it.</param>
/// <param name="PaidAt">When the carrier paid.</param>
/// <param name="RejectedAt">When the carrier refused it.</param>
/// <param name="Note">Staff's last note on it.</param>
/// <param name="RemindedAt">When staff were reminded of the deadline.</param>
public sealed record ClaimView(
    string IncidentId,
    ClaimStatus Status,
    string? Carrier,
    string? TrackingNumber,
    DateTimeOffset DeliveredAt,
    bool DeliveredAtAssumed,
    DateTimeOffset Deadline,
    DateTimeOffset RemindFrom,
    decimal Goods,
    decimal Shipping,
    decimal ReplacementShipping,
    decimal ClaimedAmount,
    bool AmountCorrected,
    string? Reference,
    decimal? PaidAmount,
    decimal? Lost,
    DateTimeOffset OpenedAt,
    DateTimeOffset? FiledAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? RejectedAt,
    string? Note,
    DateTimeOffset? RemindedAt);
