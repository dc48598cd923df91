namespace Amends.Incidents;

/// <summary>One customer incident: the problem with an order and where its resolution stands.</summary>
/// <param name="Id">The incident number, e.g. <c>AMD-7K3M9Q2X</c>; also the orchestration instance id.</param>
/// <param name="Customer">Who reported it.</param>
/// <param name="OrderNumber">The store's order number.</param>
/// <param name="Description">The customer's own words.</param>
/// <param name="Sku">The product concerned, when known.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Category">What went wrong.</param>
/// <param name="Responsibility">Who is at fault.</param>
/// <param name="CreatedAt">When it was reported.</param>
/// <param name="LastCustomerContactAt">When the customer last got a message from us; drives the silence timer.</param>
/// <param name="NeedsAttention">Set when the workflow had to send a silence update itself.</param>
/// <param name="Resolution">The chosen fix, once staff chose one.</param>
/// <param name="ResolvedAt">When staff marked it resolved.</param>
/// <param name="ClosedAt">When the workflow closed it.</param>
/// <param name="DiscountCode">The compensation code issued, if any.</param>
/// <param name="ChosenCompensation">The compensation staff chose on resolving, instead of the policy's; null for the policy's.</param>
/// <param name="Return">Where the return stands, for a return with label.</param>
/// <param name="Assignee">The staff member on it; null when nobody is.</param>
/// <param name="Attention">Why it needs staff attention now, one reason per kind (the latest); empty once staff acted or dismissed it.</param>
/// <param name="Round">How many times the customer reopened it after closing (0 before the first reopening).</param>
/// <param name="FollowUpOf">The closed incident this one follows up, when the customer wrote long after that one closed.</param>
/// <param name="FollowUp">The incident opened to follow this one up after closing, when there is one.</param>
/// <param name="Order">The order as the store's order lookup gave it, or where that lookup stands; null when none was made.</param>
public sealed record Incident(
    string Id,
    Customer Customer,
    string OrderNumber,
    string Description,
    string? Sku,
    IncidentStatus Status,
    IncidentCategory Category,
    Responsibility Responsibility,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastCustomerContactAt,
    bool NeedsAttention,
    Resolution? Resolution,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    string? DiscountCode,
    CompensationChoice? ChosenCompensation = null,
    Returns.ParcelReturn? Return = null,
    Assignee? Assignee = null,
    IReadOnlyList<AttentionReason>? Attention = null,
    int Round = 0,
    string? FollowUpOf = null,
    string? FollowUp = null,
    Orders.IncidentOrder? Order = null)
{
    /// <summary>The incident flagged for staff, for <paramref name="kind"/>: the reason replaces an earlier one of the same kind.</summary>
    public Incident Raise(AttentionKind kind, DateTimeOffset at, string? detail = null) =>
        this with
        {
            NeedsAttention = true,
            Attention = [.. (Attention ?? []).Where(r => r.Kind != kind), new AttentionReason(kind, at, detail)],
        };

    /// <summary>The incident with nothing left to look at: staff acted on it or dismissed the flag.</summary>
    public Incident ClearAttention() => this with { NeedsAttention = false, Attention = null };
}

/// <summary>The staff member an incident is assigned to.</summary>
/// <param name="Id">Their staff id.</param>
/// <param name="Name">Their name, as the queue shows it.</param>
public sealed record Assignee(string Id, string Name);

/// <summary>What raised an incident's attention flag.</summary>
public enum AttentionKind
{
    /// <summary>The customer wrote (by email or on the status page).</summary>
    CustomerMessage,

    /// <summary>The workflow had to send the status update itself: nobody wrote to the customer for the silence limit.</summary>
    AutomaticUpdate,

    /// <summary>An email to the customer bounced: reach them another way.</summary>
    Bounce,

    /// <summary>A workflow step failed every attempt and waits to be resumed.</summary>
    StepFailed,

    /// <summary>Something arrived that Amends could not read or trust by itself (see the timeline's review note).</summary>
    NeedsReview,

    /// <summary>The customer wrote after closing and the incident was reopened.</summary>
    Reopened,

    /// <summary>The store's back end did not take a payment instruction or event after every attempt: pay or tell it by hand.</summary>
    StoreRequestFailed,

    /// <summary>A carrier claim is still not filed and its deadline is near or past.</summary>
    ClaimDeadline,

    /// <summary>The return window closed and the customer's parcel has not arrived.</summary>
    ReturnOverdue,

    /// <summary>The store has no order with the number the customer gave: ask them for the right one.</summary>
    OrderNotFound,

    /// <summary>The store's order lookup kept failing: the incident has no order lines or address until staff add them.</summary>
    OrderLookupFailed,
    /// <summary>Reported on the "report a problem" page while the store's orders could not be checked: the order number and email are the customer's word.</summary>
    OrderNotVerified,
}

/// <summary>One reason an incident needs staff attention.</summary>
/// <param name="Kind">What raised it.</param>
/// <param name="At">When.</param>
/// <param name="Detail">A short word for staff, e.g. the step that failed.</param>
public sealed record AttentionReason(AttentionKind Kind, DateTimeOffset At, string? Detail = null);

/// <summary>The compensation staff give instead of the one the policy would.</summary>
/// <param name="Outcome">Nothing, a discount code, refunded shipping or a gift.</param>
/// <param name="DiscountPercent">The discount, for a discount code (1 to 100).</param>
/// <param name="ShippingRefund">The amount refunded, for refunded shipping.</param>
/// <param name="Gift">The gift's name in the policy's gift list, for a gift.</param>
public sealed record CompensationChoice(Compensate.CompensationKind Outcome, int DiscountPercent = 0, decimal ShippingRefund = 0, string? Gift = null);

/// <summary>The customer behind an incident.</summary>
/// <param name="Email">Where we write to them.</param>
/// <param name="Name">How we greet them.</param>
/// <param name="Language">Two-letter language of their emails (en, it, pl, nb).</param>
public sealed record Customer(string Email, string Name, string Language);

/// <summary>The fix staff chose, with what it costs the store.</summary>
/// <param name="Type">Spare part, replacement, refund, return with label or store credit.</param>
/// <param name="PartCost">Cost of the spare part.</param>
/// <param name="ReplacementCost">Cost of the replacement item.</param>
/// <param name="ShippingCost">Cost of shipping it.</param>
/// <param name="LabelCost">Cost of the return label.</param>
/// <param name="RefundAmount">Money given back, for refunds and store credit.</param>
/// <param name="TrackingNumber">Parcel tracking number, told to the customer.</param>
/// <param name="Note">What staff want the customer to know about it.</param>
/// <param name="Carrier">The carrier that ships it (or that lost or damaged the parcel), for the cost reports.</param>
/// <param name="PartSku">The spare part taken off the shelf for it, when it is a spare part from stock.</param>
/// <param name="ItemPrice">What the customer paid for the item, for a return: the return policy's fee and refund are worked out from it.</param>
/// <param name="Return">The terms of the return, worked out when a return with label is chosen.</param>
public sealed record Resolution(
    ResolutionType Type,
    decimal PartCost = 0,
    decimal ReplacementCost = 0,
    decimal ShippingCost = 0,
    decimal LabelCost = 0,
    decimal RefundAmount = 0,
    string? TrackingNumber = null,
    string? Note = null,
    string? Carrier = null,
    string? PartSku = null,
    decimal? ItemPrice = null,
    ReturnTerms? Return = null);

/// <summary>What a return comes to under the return policy, as the customer is told it.</summary>
/// <param name="ReturnNumber">The number on the label and its barcode.</param>
/// <param name="ItemPrice">What the customer paid for the item.</param>
/// <param name="WindowDays">Days after delivery in which the store takes items back.</param>
/// <param name="FeePercent">The restocking fee in percent that applies to this incident.</param>
/// <param name="ShippingPaidBy">Who pays the return shipping in this case.</param>
/// <param name="RestockingFee">The restocking fee kept.</param>
/// <param name="ShippingPaidByCustomer">Return shipping taken off the refund.</param>
/// <param name="Refund">What the customer gets back once the item arrives.</param>
public sealed record ReturnTerms(
    string ReturnNumber,
    decimal ItemPrice,
    int WindowDays,
    decimal FeePercent,
    Returns.ReturnShippingPayer ShippingPaidBy,
    decimal RestockingFee,
    decimal ShippingPaidByCustomer,
    decimal Refund);
