using Amends.Compensate;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Amends.Api;

/// <summary>What the compensation policy gives an incident, so staff see it before they resolve.</summary>
public static class CompensationApi
{
    /// <summary>
    /// GET /api/v1/incidents/{id}/compensation: the compensation the policy gives the incident as it
    /// stands, if it were resolved now (or when it was resolved). The workflow works it out again on
    /// resolving, by the same rule.
    /// </summary>
    public static async Task<IResult> ProposeAsync(string id, IncidentStore store, IOptions<CompensationPolicy> policy, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return Problems.NotFound($"There is no incident {id}.");
        }

        var rule = policy.Value.RuleFor(incident, incident.ResolvedAt ?? clock.GetUtcNow());
        var gift = rule is { Outcome: CompensationKind.Gift } ? policy.Value.FindGift(rule.Gift) : null;
        var proposal = rule?.Outcome switch
        {
            CompensationKind.Discount => new CompensationProposal(CompensationKind.Discount, rule.DiscountPercent, rule.DiscountValidity ?? policy.Value.DiscountValidity),
            CompensationKind.RefundedShipping => new CompensationProposal(CompensationKind.RefundedShipping, ShippingRefund: rule.ShippingRefund),
            CompensationKind.Gift when gift is not null => new CompensationProposal(CompensationKind.Gift, Gift: gift.Name),
            _ => new CompensationProposal(CompensationKind.None),
        };
        return TypedResults.Json(proposal, ApiJson.Options);
    }
}

/// <summary>The compensation the policy gives an incident.</summary>
/// <param name="Outcome">Nothing, a discount code, refunded shipping or a gift.</param>
/// <param name="DiscountPercent">The discount, for a discount code.</param>
/// <param name="DiscountValidity">How long the code stays valid, for a discount code.</param>
/// <param name="ShippingRefund">The amount refunded, for refunded shipping.</param>
/// <param name="Gift">The gift's name, for a gift.</param>
public sealed record CompensationProposal(
    CompensationKind Outcome,
    int DiscountPercent = 0,
    TimeSpan? DiscountValidity = null,
    decimal ShippingRefund = 0,
    string? Gift = null);
