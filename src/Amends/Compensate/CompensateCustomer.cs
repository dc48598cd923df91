using Amends.Ledger;
using Amends.Storage;
using Amends.Workflow;
using Microsoft.Extensions.Options;

namespace Amends.Compensate;

/// <summary>
/// Decides the compensation (the one staff chose on resolving, else by the policy's rules), issues the discount code (once per incident) and
/// records what the compensation costs in the ledger (once per incident: one line per kind).
/// </summary>
public sealed class CompensateCustomer(IncidentStore store, DiscountCodes codes, CostLedger ledger, IOptions<CompensationPolicy> policy, TimeProvider clock)
    : IWorkflowStep<string, Compensation>
{
    /// <summary>The activity name.</summary>
    public const string Name = "Compensate";

    /// <inheritdoc />
    public async Task<Compensation> RunAsync(string input)
    {
        if (await store.FindAsync(input) is not { Value: var incident })
        {
            return Compensation.None;
        }

        var resolvedAt = incident.ResolvedAt ?? clock.GetUtcNow();
        var rule = incident.ChosenCompensation is { } chosen
            ? new CompensationRule { Outcome = chosen.Outcome, DiscountPercent = chosen.DiscountPercent, ShippingRefund = chosen.ShippingRefund, Gift = chosen.Gift }
            : policy.Value.RuleFor(incident, resolvedAt);
        var compensation = rule?.Outcome switch
        {
            CompensationKind.Discount => await DiscountAsync(incident.Id, rule),
            CompensationKind.RefundedShipping => new Compensation(null, 0, null, CompensationKind.RefundedShipping, ShippingRefund: rule.ShippingRefund),
            CompensationKind.Gift when policy.Value.FindGift(rule.Gift) is { } gift => new Compensation(null, 0, null, CompensationKind.Gift, Gift: gift.Name),
            _ => Compensation.None,
        };

        // The resolution's lines again, with the final category and responsibility (a diagnosis may
        // have come after the resolution was chosen), and what the compensation costs.
        var cost = compensation.Outcome switch
        {
            CompensationKind.RefundedShipping => compensation.ShippingRefund,
            CompensationKind.Gift => policy.Value.FindGift(compensation.Gift)?.Cost ?? 0,
            _ => 0,
        };
        List<CostLine> lines = incident.Resolution is { } resolution ? [.. CostLine.ForResolution(incident, resolution, resolvedAt)] : [];
        lines.Add(CostLine.Of(incident, CostKind.Compensation, cost, resolvedAt));
        await ledger.RecordAsync(lines);
        return compensation;
    }

    private async Task<Compensation> DiscountAsync(string incidentId, CompensationRule rule)
    {
        var code = await codes.IssueAsync(incidentId, rule.DiscountPercent, clock.GetUtcNow() + (rule.DiscountValidity ?? policy.Value.DiscountValidity));
        await store.ChangeAsync(incidentId, i => i with { DiscountCode = code.Code });
        return new Compensation(code.Code, code.Percent, code.ValidUntil);
    }
}

/// <summary>What the customer gets to make amends.</summary>
/// <param name="DiscountCode">The discount code, or null for none.</param>
/// <param name="Percent">Its discount.</param>
/// <param name="ValidUntil">Until when it can be used.</param>
/// <param name="Kind">What kind of compensation; a discount when there is a code.</param>
/// <param name="ShippingRefund">The shipping refunded, for <see cref="CompensationKind.RefundedShipping"/>.</param>
/// <param name="Gift">The gift's name, for <see cref="CompensationKind.Gift"/>.</param>
public sealed record Compensation(
    string? DiscountCode,
    int Percent,
    DateTimeOffset? ValidUntil,
    CompensationKind Kind = CompensationKind.None,
    decimal ShippingRefund = 0,
    string? Gift = null)
{
    /// <summary>No compensation: the customer was responsible.</summary>
    public static Compensation None { get; } = new(null, 0, null);

    /// <summary>What the customer gets, named: the kind stated, or a discount when there is a code.</summary>
    public CompensationKind Outcome => DiscountCode is not null ? CompensationKind.Discount : Kind;
}
