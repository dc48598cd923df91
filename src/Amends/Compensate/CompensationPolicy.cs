using System.ComponentModel.DataAnnotations;
using Amends.Incidents;

namespace Amends.Compensate;

/// <summary>
/// How the store makes amends, as configuration: an ordered list of <see cref="Rules"/> (first match
/// wins) choosing a discount code, refunded shipping, a gift from <see cref="Gifts"/>, or nothing.
/// Without rules, the flat settings give today's policy: 10% when the store or carrier was at fault,
/// 20% when the incident took longer than 14 days, nothing otherwise. Bound from <c>Amends:Compensation</c>.
/// </summary>
public sealed class CompensationPolicy : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Compensation";

    /// <summary>Discount in percent when the store or the carrier was at fault (the default rules only).</summary>
    [Range(1, 100)]
    public int DiscountPercent { get; set; } = 10;

    /// <summary>Discount in percent when, in addition, the incident took longer than <see cref="LongIncidentAfter"/> (the default rules only).</summary>
    [Range(1, 100)]
    public int LongIncidentDiscountPercent { get; set; } = 20;

    /// <summary>From how long an incident counts as long (the default rules only).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan LongIncidentAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a discount code stays valid, unless its rule says otherwise.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan DiscountValidity { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The rules, in order; the first that matches decides. Empty: the default rules from the flat settings.</summary>
    public List<CompensationRule> Rules { get; set; } = [];

    /// <summary>The small gifts a rule may name.</summary>
    public List<Gift> Gifts { get; set; } = [];

    /// <summary>The rules in force: <see cref="Rules"/>, or the default rules when none are configured.</summary>
    public IReadOnlyList<CompensationRule> EffectiveRules => Rules.Count > 0 ? Rules :
    [
        new() { Responsibility = Responsibility.Store, LongerThan = LongIncidentAfter, Outcome = CompensationKind.Discount, DiscountPercent = LongIncidentDiscountPercent },
        new() { Responsibility = Responsibility.Carrier, LongerThan = LongIncidentAfter, Outcome = CompensationKind.Discount, DiscountPercent = LongIncidentDiscountPercent },
        new() { Responsibility = Responsibility.Store, Outcome = CompensationKind.Discount, DiscountPercent = DiscountPercent },
        new() { Responsibility = Responsibility.Carrier, Outcome = CompensationKind.Discount, DiscountPercent = DiscountPercent },
    ];

    /// <summary>The first rule that matches <paramref name="incident"/> resolved at <paramref name="resolvedAt"/>, or null: nothing.</summary>
    public CompensationRule? RuleFor(Incident incident, DateTimeOffset resolvedAt) =>
        EffectiveRules.FirstOrDefault(r => r.Matches(incident, resolvedAt - incident.CreatedAt));

    /// <summary>The discount <paramref name="incident"/> earns when resolved at <paramref name="resolvedAt"/>, or 0 for none.</summary>
    public int DiscountFor(Incident incident, DateTimeOffset resolvedAt) =>
        RuleFor(incident, resolvedAt) is { Outcome: CompensationKind.Discount, DiscountPercent: var percent } ? percent : 0;

    /// <summary>The gift named <paramref name="name"/>, if it is on the list.</summary>
    public Gift? FindGift(string? name) => Gifts.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var at = $"{nameof(Rules)}:{i}";
            if (rule.Outcome == CompensationKind.Discount && rule.DiscountPercent is < 1 or > 100)
            {
                yield return new ValidationResult($"{at}: a discount needs DiscountPercent from 1 to 100.", [nameof(Rules)]);
            }

            if (rule.Outcome == CompensationKind.RefundedShipping && rule.ShippingRefund is <= 0 or > 1000)
            {
                yield return new ValidationResult($"{at}: refunded shipping needs ShippingRefund above 0 (at most 1000).", [nameof(Rules)]);
            }

            if (rule.Outcome == CompensationKind.Gift && FindGift(rule.Gift) is null)
            {
                yield return new ValidationResult($"{at}: gift '{rule.Gift}' is not in {nameof(Gifts)}.", [nameof(Rules)]);
            }

            if (rule.LongerThan is { Ticks: < 0 } || rule.DiscountValidity is { } v && v < TimeSpan.FromDays(1))
            {
                yield return new ValidationResult($"{at}: LongerThan must not be negative and DiscountValidity at least a day.", [nameof(Rules)]);
            }
        }

        foreach (var gift in Gifts.Where(g => string.IsNullOrWhiteSpace(g.Name) || g.Cost < 0))
        {
            yield return new ValidationResult($"{nameof(Gifts)}: every gift needs a name and a cost of 0 or more ('{gift.Name}').", [nameof(Gifts)]);
        }
    }
}

/// <summary>One line of the compensation policy: when it applies, and what the customer gets.</summary>
public sealed class CompensationRule
{
    /// <summary>Who must be responsible for the rule to apply.</summary>
    public Responsibility Responsibility { get; set; }

    /// <summary>The categories it applies to; empty for any.</summary>
    public List<IncidentCategory> Categories { get; set; } = [];

    /// <summary>Applies only when the incident took longer than this (reported to resolved); null for any duration.</summary>
    public TimeSpan? LongerThan { get; set; }

    /// <summary>What the customer gets.</summary>
    public CompensationKind Outcome { get; set; }

    /// <summary>The discount, for <see cref="CompensationKind.Discount"/>.</summary>
    public int DiscountPercent { get; set; }

    /// <summary>How long the code stays valid, for <see cref="CompensationKind.Discount"/>; null for the policy's default.</summary>
    public TimeSpan? DiscountValidity { get; set; }

    /// <summary>The amount refunded, for <see cref="CompensationKind.RefundedShipping"/>.</summary>
    public decimal ShippingRefund { get; set; }

    /// <summary>The gift's name in the gift list, for <see cref="CompensationKind.Gift"/>.</summary>
    public string? Gift { get; set; }

    /// <summary>Whether the rule applies to <paramref name="incident"/>, which took <paramref name="took"/>.</summary>
    public bool Matches(Incident incident, TimeSpan took) =>
        incident.Responsibility == Responsibility
        && (Categories.Count == 0 || Categories.Contains(incident.Category))
        && (LongerThan is not { } limit || took > limit);
}

/// <summary>A small gift the store can send to make amends.</summary>
public sealed class Gift
{
    /// <summary>Its name, as rules and the apology name it.</summary>
    public string Name { get; set; } = "";

    /// <summary>What it costs the store.</summary>
    public decimal Cost { get; set; }
}

/// <summary>The kinds of compensation.</summary>
public enum CompensationKind
{
    /// <summary>Nothing (e.g. the customer was responsible).</summary>
    None,

    /// <summary>A discount code on the next order.</summary>
    Discount,

    /// <summary>The order's shipping refunded.</summary>
    RefundedShipping,

    /// <summary>A small gift from the gift list.</summary>
    Gift,
}
