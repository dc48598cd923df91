using System.ComponentModel.DataAnnotations;
using Amends.Incidents;

namespace Amends.Returns;

/// <summary>
/// The store's return policy, as configuration: how long a customer may return an item, the restocking
/// fee when the customer changed their mind or ordered the wrong item, and who pays the return shipping
/// depending on who was at fault. <see cref="Quote"/> turns it into money. Bound from <c>Amends:ReturnPolicy</c>.
/// </summary>
public sealed class ReturnPolicy : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:ReturnPolicy";

    /// <summary>Days after delivery in which the store takes an item back.</summary>
    [Range(1, 3650)]
    public int ReturnWindowDays { get; set; } = 30;

    /// <summary>Restocking fee, in percent of the item price, when the customer changed their mind.</summary>
    [Range(typeof(decimal), "0", "100")]
    public decimal ChangedMindFeePercent { get; set; } = 10;

    /// <summary>Restocking fee, in percent of the item price, when the customer ordered the wrong item themselves.</summary>
    [Range(typeof(decimal), "0", "100")]
    public decimal WrongItemFeePercent { get; set; } = 10;

    /// <summary>
    /// Who pays the return shipping, by who was at fault. A dictionary rather than a list, because the
    /// configuration binder replaces a dictionary's entries key by key but appends to a list's defaults.
    /// </summary>
    public Dictionary<Responsibility, ReturnShippingPayer> ReturnShippingPaidBy { get; set; } = new()
    {
        [Responsibility.Unknown] = ReturnShippingPayer.Store,
        [Responsibility.Store] = ReturnShippingPayer.Store,
        [Responsibility.Carrier] = ReturnShippingPayer.Store,
        [Responsibility.Customer] = ReturnShippingPayer.Customer,
    };

    /// <summary>Whether an item delivered at <paramref name="deliveredAt"/> may still be returned at <paramref name="now"/>.</summary>
    public bool TakesBack(DateTimeOffset deliveredAt, DateTimeOffset now) => now <= deliveredAt.AddDays(ReturnWindowDays);

    /// <summary>The restocking fee in percent for <paramref name="incident"/>: only when the customer chose wrongly, never when we failed.</summary>
    public decimal FeePercentFor(Incident incident) => incident switch
    {
        { Category: IncidentCategory.ChangedMind } => ChangedMindFeePercent,
        { Category: IncidentCategory.WrongItem, Responsibility: Responsibility.Customer } => WrongItemFeePercent,
        _ => 0,
    };

    /// <summary>Who pays the return shipping of <paramref name="incident"/>; the store, when the policy does not say.</summary>
    public ReturnShippingPayer ShippingPayerFor(Incident incident) =>
        ReturnShippingPaidBy.TryGetValue(incident.Responsibility, out var payer) ? payer : ReturnShippingPayer.Store;

    /// <summary>
    /// What returning <paramref name="incident"/>'s item costs the customer and what they get back: the
    /// restocking fee, the return shipping they pay, and the refund (price less both). Amounts are rounded
    /// to cents (half away from zero, as a till does) and never negative: the refund stops at 0.
    /// </summary>
    /// <param name="incident">The incident, for its category and responsibility.</param>
    /// <param name="itemPrice">What the customer paid for the item.</param>
    /// <param name="returnShipping">What the return shipping costs.</param>
    /// <exception cref="ArgumentOutOfRangeException">A price or shipping cost below 0.</exception>
    public ReturnQuote Quote(Incident incident, decimal itemPrice, decimal returnShipping)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentOutOfRangeException.ThrowIfNegative(itemPrice);
        ArgumentOutOfRangeException.ThrowIfNegative(returnShipping);

        var price = Cents(itemPrice);
        var fee = Math.Min(price, Cents(price * FeePercentFor(incident) / 100m));
        var shipping = ShippingPayerFor(incident) == ReturnShippingPayer.Customer ? Cents(returnShipping) : 0m;
        return new ReturnQuote(fee, shipping, Math.Max(0m, price - fee - shipping));
    }

    /// <summary>The terms of returning <paramref name="incident"/>'s item with the label <paramref name="returnNumber"/>: the policy that applies and what it comes to.</summary>
    /// <param name="incident">The incident, for its category and responsibility.</param>
    /// <param name="returnNumber">The return number on the label.</param>
    /// <param name="itemPrice">What the customer paid for the item.</param>
    /// <param name="returnShipping">What the return shipping (the label) costs.</param>
    public ReturnTerms Terms(Incident incident, string returnNumber, decimal itemPrice, decimal returnShipping)
    {
        var quote = Quote(incident, itemPrice, returnShipping);
        return new ReturnTerms(returnNumber, itemPrice, ReturnWindowDays, FeePercentFor(incident), ShippingPayerFor(incident),
            quote.RestockingFee, quote.ShippingPaidByCustomer, quote.Refund);
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (responsibility, payer) in ReturnShippingPaidBy)
        {
            if (!Enum.IsDefined(responsibility) || !Enum.IsDefined(payer))
            {
                yield return new ValidationResult(
                    $"{nameof(ReturnShippingPaidBy)}: keys are {string.Join(", ", Enum.GetNames<Responsibility>())}; values {string.Join(", ", Enum.GetNames<ReturnShippingPayer>())}.",
                    [nameof(ReturnShippingPaidBy)]);
            }
        }
    }

    private static decimal Cents(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Who pays for sending an item back.</summary>
public enum ReturnShippingPayer
{
    /// <summary>The store sends a prepaid label.</summary>
    Store,

    /// <summary>The customer: the cost comes off the refund.</summary>
    Customer,
}

/// <summary>What a return comes to.</summary>
/// <param name="RestockingFee">Kept by the store for taking back an item that was not at fault.</param>
/// <param name="ShippingPaidByCustomer">Return shipping the customer pays, taken off the refund.</param>
/// <param name="Refund">What the customer gets back.</param>
public sealed record ReturnQuote(decimal RestockingFee, decimal ShippingPaidByCustomer, decimal Refund);
