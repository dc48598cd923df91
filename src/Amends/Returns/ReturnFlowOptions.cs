using System.ComponentModel.DataAnnotations;

namespace Amends.Returns;

/// <summary>The timings of a return and what a returned item is worth again. Bound from <c>Amends:Returns</c>.</summary>
public sealed class ReturnFlowOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Returns";

    /// <summary>How long after the label the customer is reminded to send the parcel, if it has not come or been posted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long after the label the return window closes (staff are flagged if no parcel came); empty for the
    /// return policy's <see cref="ReturnPolicy.ReturnWindowDays"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan? Window { get; set; }

    /// <summary>The share (percent) of the item's value recovered when parts are missing.</summary>
    [Range(typeof(decimal), "0", "100")]
    public decimal PartsMissingRecoveryPercent { get; set; } = 50;

    /// <summary>The share (percent) of the item's value recovered when it came back damaged; 0 writes it off.</summary>
    [Range(typeof(decimal), "0", "100")]
    public decimal DamagedRecoveryPercent { get; set; }

    /// <summary>The window as it applies under <paramref name="policy"/>.</summary>
    public TimeSpan WindowUnder(ReturnPolicy policy) => Window ?? TimeSpan.FromDays(policy.ReturnWindowDays);

    /// <summary>
    /// What an item of <paramref name="condition"/> is worth to the store again: the price less the restocking
    /// fee (the fee already stands in the ledger as income) as new, a share of it with parts missing or damaged.
    /// </summary>
    public decimal RecoveredValue(ReturnCondition condition, decimal itemPrice, decimal restockingFee)
    {
        var value = Math.Max(0, itemPrice - restockingFee);
        var percent = condition switch
        {
            ReturnCondition.AsNew => 100m,
            ReturnCondition.PartsMissing => PartsMissingRecoveryPercent,
            _ => DamagedRecoveryPercent,
        };
        return decimal.Round(value * percent / 100m, 2, MidpointRounding.AwayFromZero);
    }
}
