namespace Amends.Inbound;

/// <summary>What became of an inbound email.</summary>
public enum InboundOutcomeKind
{
    /// <summary>It opened a new incident, whose workflow acknowledges it.</summary>
    NewIncident,

    /// <summary>It joined an existing incident as the customer's message.</summary>
    Reply,

    /// <summary>An automatic reply or bounce: recorded (on its incident when it names one), never answered.</summary>
    AutomaticReply,

    /// <summary>It could not be read or has no usable sender: kept as an incident flagged for staff, with no email sent.</summary>
    NeedsReview,
}

/// <summary>The answer to one inbound post.</summary>
/// <param name="Kind">What became of it.</param>
/// <param name="IncidentId">The incident it opened or joined, if any.</param>
/// <param name="Archive">The name of the archived raw post.</param>
/// <param name="Duplicate">True when this message had been received before (a retried delivery): nothing new was made.</param>
public sealed record InboundOutcome(InboundOutcomeKind Kind, string? IncidentId, string Archive, bool Duplicate);
