namespace Amends.Payments;

/// <summary>
/// One amount promised to a customer that the store's back end is asked to pay, once: its id is the
/// incident and the kind (<c>AMD-7K3M9Q2X.return-refund</c>), so asking again finds the same instruction.
/// </summary>
/// <param name="Id">The incident id and the kind's slug; also the idempotency id the store sees.</param>
/// <param name="IncidentId">The incident.</param>
/// <param name="Kind">What the money is for.</param>
/// <param name="Amount">How much.</param>
/// <param name="Currency">The amount's currency (ISO 4217).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="RequestedAt">When Amends decided to ask for it.</param>
/// <param name="Attempts">How many posts to the store it took (0 until the posting finished).</param>
/// <param name="Posted">Whether the posting finished (delivered, failed or not sent), so it is never posted again.</param>
/// <param name="ConfirmedAt">When the store confirmed it was paid.</param>
/// <param name="StoreReference">The store's own reference for the payment, from its confirmation.</param>
public sealed record PaymentInstruction(
    string Id,
    string IncidentId,
    PaymentKind Kind,
    decimal Amount,
    string Currency,
    PaymentStatus Status,
    DateTimeOffset RequestedAt,
    int Attempts = 0,
    bool Posted = false,
    DateTimeOffset? ConfirmedAt = null,
    string? StoreReference = null)
{
    /// <summary>The instruction id of <paramref name="kind"/> for <paramref name="incidentId"/>.</summary>
    public static string IdFor(string incidentId, PaymentKind kind) => $"{incidentId}.{Slug(kind)}";

    /// <summary>The kind's name in ids and in the store's events: <c>refund</c>, <c>store-credit</c>, <c>return-refund</c>, <c>shipping-refund</c>.</summary>
    public static string Slug(PaymentKind kind) => kind switch
    {
        PaymentKind.StoreCredit => "store-credit",
        PaymentKind.ReturnRefund => "return-refund",
        PaymentKind.ShippingRefund => "shipping-refund",
        _ => "refund",
    };

    /// <summary>The incident and kind of an instruction id, or null when it is not one.</summary>
    public static (string IncidentId, PaymentKind Kind)? Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var dot = id.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var slug = id[(dot + 1)..];
        foreach (var kind in Enum.GetValues<PaymentKind>())
        {
            if (Slug(kind) == slug)
            {
                return (id[..dot], kind);
            }
        }

        return null;
    }
}

/// <summary>What a payment instruction pays.</summary>
public enum PaymentKind
{
    /// <summary>A refund chosen as the resolution.</summary>
    Refund,

    /// <summary>Store credit chosen as the resolution.</summary>
    StoreCredit,

    /// <summary>The refund of a returned item, after its inspection.</summary>
    ReturnRefund,

    /// <summary>Shipping refunded as compensation.</summary>
    ShippingRefund,
}

/// <summary>Where a payment instruction stands, as staff see it.</summary>
public enum PaymentStatus
{
    /// <summary>Asked of the store (or being asked); not confirmed yet.</summary>
    Requested,

    /// <summary>The store confirmed it paid; the customer was told.</summary>
    Confirmed,

    /// <summary>The store could not be told after every attempt: staff pay by hand (the incident is flagged).</summary>
    Failed,

    /// <summary>No store webhook is configured: staff pay by hand (the incident is flagged).</summary>
    NotSent,
}

/// <summary>An amount the workflow asks the store to pay: the <c>RequestPayment</c> activity's input.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Kind">What the money is for.</param>
/// <param name="Amount">How much.</param>
public sealed record PaymentRequest(string IncidentId, PaymentKind Kind, decimal Amount);
