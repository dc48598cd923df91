using Amends.Incidents;

namespace Amends.Notifications;

/// <summary>Something staff are told about, once.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Subject">The incident id, or the spare part's SKU for low stock.</param>
/// <param name="EventId">Unique for the event within its subject: a retry of what raised it makes the same id, so it is told once.</param>
/// <param name="At">When it happened.</param>
/// <param name="Detail">A short word for staff, e.g. the step that failed; never customer data.</param>
public sealed record StaffNotice(StaffNoticeKind Kind, string Subject, string EventId, DateTimeOffset At, string? Detail = null)
{
    /// <summary>The notice for an attention reason raised on <paramref name="incidentId"/>; null for a kind staff are not told of.</summary>
    public static StaffNotice? For(string incidentId, AttentionReason reason) =>
        Enum.TryParse<StaffNoticeKind>(reason.Kind.ToString(), out var kind)
            ? new(kind, incidentId, $"{reason.Kind}-{reason.At.UtcTicks}", reason.At, reason.Detail)
            : null;

    /// <summary>One line for staff, as the email and the webhook say it.</summary>
    public string Text => Kind switch
    {
        StaffNoticeKind.CustomerMessage => $"{Subject}: the customer wrote ({Detail ?? "message"}).",
        StaffNoticeKind.SilenceUpdateSoon => $"{Subject}: the automatic status update goes out at {Detail} unless someone writes to the customer first.",
        StaffNoticeKind.AutomaticUpdate => $"{Subject}: nobody wrote to the customer for the silence limit, so Amends sent the status update.",
        StaffNoticeKind.LowStock => $"Spare part {Subject} is down to its reorder level ({Detail}).",
        StaffNoticeKind.Reopened => $"{Subject}: the customer wrote after closing; reopened ({Detail}).",
        StaffNoticeKind.StoreRequestFailed => $"{Subject}: the store's back end did not take {Detail ?? "a request"}; pay or tell it by hand.",
        StaffNoticeKind.StepFailed => $"{Subject}: the workflow step {Detail} failed every attempt and waits to be resumed.",
        StaffNoticeKind.Bounce => $"{Subject}: an email to the customer bounced.",
        StaffNoticeKind.NeedsReview => $"{Subject}: something arrived that needs review{(Detail is null ? "" : $" ({Detail})")}.",
        StaffNoticeKind.ClaimDeadline => $"{Subject}: the carrier claim ({Detail}) is not filed and its deadline is near.",
        StaffNoticeKind.ReturnOverdue => $"{Subject}: the return window closed and the parcel has not arrived.",
        StaffNoticeKind.OrderLookupRefused => $"The store refused Amends' order lookup ({Detail}): check the credentials in the Amends:Orders settings. Lookups wait and are asked again.",
        StaffNoticeKind.OrderNotVerified => $"{Subject}: reported on the report-a-problem page; the order could not be checked ({Detail}).",
        _ => $"{Subject}: {Kind}.",
    };
}

/// <summary>What staff are told about. The kinds named like an <see cref="AttentionKind"/> come from raising it.</summary>
public enum StaffNoticeKind
{
    /// <summary>The customer wrote (by email or on the status page).</summary>
    CustomerMessage,

    /// <summary>The automatic silence update goes out soon.</summary>
    SilenceUpdateSoon,

    /// <summary>The workflow sent the status update itself.</summary>
    AutomaticUpdate,

    /// <summary>A spare part fell to its reorder level.</summary>
    LowStock,

    /// <summary>A closed incident was reopened by the customer writing.</summary>
    Reopened,

    /// <summary>The store's back end did not take a payment instruction or event.</summary>
    StoreRequestFailed,

    /// <summary>A workflow step failed every attempt.</summary>
    StepFailed,

    /// <summary>An email to the customer bounced.</summary>
    Bounce,

    /// <summary>Something needs review.</summary>
    NeedsReview,

    /// <summary>A carrier claim's deadline is near.</summary>
    ClaimDeadline,

    /// <summary>A return's parcel is overdue.</summary>
    ReturnOverdue,

    /// <summary>The store refused the order lookup's credentials: told once per set of credentials, not per incident.</summary>
    OrderLookupRefused,

    /// <summary>A report from the report-a-problem page whose order could not be checked.</summary>
    OrderNotVerified,
}
