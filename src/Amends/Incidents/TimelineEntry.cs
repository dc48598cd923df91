namespace Amends.Incidents;

/// <summary>What kind of thing happened on an incident's timeline.</summary>
public enum TimelineEntryKind
{
    /// <summary>The incident was reported.</summary>
    Reported,

    /// <summary>The acknowledgement email went out.</summary>
    Acknowledged,

    /// <summary>Staff wrote to the customer.</summary>
    StaffUpdate,

    /// <summary>Staff wrote a note only staff see.</summary>
    InternalNote,

    /// <summary>Staff set the category and who is responsible.</summary>
    Diagnosed,

    /// <summary>Staff chose how to fix it.</summary>
    ResolutionChosen,

    /// <summary>Staff marked it resolved.</summary>
    Resolved,

    /// <summary>The workflow wrote to a customer who had heard nothing for the silence limit.</summary>
    SilenceUpdate,

    /// <summary>The apology, with any compensation, went out.</summary>
    Apologized,

    /// <summary>The incident was closed.</summary>
    Closed,

    /// <summary>The customer wrote to us (a reply by email).</summary>
    CustomerMessage,

    /// <summary>Something arrived that Amends could not read or trust by itself; staff should look.</summary>
    NeedsReview,

    /// <summary>An attachment or upload was refused; the text says which and why.</summary>
    AttachmentRejected,

    /// <summary>A photo or document was stored with the incident.</summary>
    PhotoAdded,

    /// <summary>An automatic reply or a bounce arrived; recorded, never answered.</summary>
    AutomaticReply,

    /// <summary>Staff posted the tracking number of the parcel on its way to the customer.</summary>
    TrackingPosted,

    /// <summary>Something happened to the return parcel (posted back, reminder, window closed, inspected).</summary>
    ReturnUpdate,

    /// <summary>The returned parcel arrived; the customer is told.</summary>
    ReturnReceived,

    /// <summary>The store confirmed a payment instruction (refund, credit); the customer was told.</summary>
    PaymentConfirmed,
}

/// <summary>One line of an incident's history.</summary>
/// <param name="Id">Unique within the incident and sortable by time.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When it happened.</param>
/// <param name="Text">What was said, if anything.</param>
/// <param name="Author">Who did it: <c>customer</c>, <c>amends</c>, or the staff member's name (<c>staff</c> when nobody signed in by name).</param>
/// <param name="CustomerFacing">Whether the customer is told (by email).</param>
/// <param name="Delivered">Whether the customer-facing email for it has gone out.</param>
public sealed record TimelineEntry(
    string Id,
    TimelineEntryKind Kind,
    DateTimeOffset At,
    string? Text,
    string Author,
    bool CustomerFacing,
    bool Delivered);
