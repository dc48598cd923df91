namespace Amends.Returns;

/// <summary>
/// Where a return with label stands, from the label to the refund: kept on the incident, so the
/// workflow, staff and the status page all read the same truth from storage.
/// </summary>
/// <param name="Stage">How far the parcel and its refund have come.</param>
/// <param name="LabelIssuedAt">When the label went out: the reminder and the return window count from here.</param>
/// <param name="TrackingNumber">The return parcel's tracking number, once staff posted it.</param>
/// <param name="Carrier">The carrier bringing the parcel back, if staff named one.</param>
/// <param name="ReceivedAt">When the parcel arrived.</param>
/// <param name="Condition">What staff found on inspection.</param>
/// <param name="InspectedAt">When staff inspected it.</param>
/// <param name="Refund">The refund requested from the store after inspection.</param>
/// <param name="RefundReason">Why staff changed the refund from the policy's, if they did.</param>
/// <param name="RestockingFee">The restocking fee kept (income in the ledger).</param>
/// <param name="RecoveredValue">What the returned item is worth to the store again (income in the ledger).</param>
/// <param name="ReminderSent">Whether the customer was reminded to send the parcel.</param>
/// <param name="WindowClosedFlagged">Whether staff were flagged that the return window closed with no parcel.</param>
/// <param name="RefundSentAt">When the store confirmed the refund was paid.</param>
public sealed record ParcelReturn(
    ReturnStage Stage,
    DateTimeOffset LabelIssuedAt,
    string? TrackingNumber = null,
    string? Carrier = null,
    DateTimeOffset? ReceivedAt = null,
    ReturnCondition? Condition = null,
    DateTimeOffset? InspectedAt = null,
    decimal? Refund = null,
    string? RefundReason = null,
    decimal RestockingFee = 0,
    decimal RecoveredValue = 0,
    bool ReminderSent = false,
    bool WindowClosedFlagged = false,
    DateTimeOffset? RefundSentAt = null)
{
    /// <summary>Whether the parcel is still to come (no reminder or window flag once it is here).</summary>
    public bool Awaited => Stage is ReturnStage.AwaitingParcel or ReturnStage.OnItsWay;

    /// <summary>Whether the workflow still has work to do for this return.</summary>
    public bool InProgress => Stage != ReturnStage.RefundSent;
}

/// <summary>How far a return has come.</summary>
public enum ReturnStage
{
    /// <summary>The label went out; nothing heard of the parcel yet.</summary>
    AwaitingParcel,

    /// <summary>The customer sent it: staff posted its tracking number.</summary>
    OnItsWay,

    /// <summary>The parcel arrived; it waits for inspection.</summary>
    Received,

    /// <summary>Staff inspected it: the refund is requested from the store.</summary>
    Inspected,

    /// <summary>The store confirmed the refund and the customer was told.</summary>
    RefundSent,
}

/// <summary>What staff found when they opened the returned parcel.</summary>
public enum ReturnCondition
{
    /// <summary>Resellable as new.</summary>
    AsNew,

    /// <summary>Complete but damaged.</summary>
    Damaged,

    /// <summary>Parts are missing.</summary>
    PartsMissing,
}
