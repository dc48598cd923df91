using Amends.Storage;
using Amends.Workflow;
using Microsoft.Extensions.Options;

namespace Amends.Compensate;

/// <summary>Decides the compensation by policy and issues the discount code, once per incident.</summary>
public sealed class Compensate(IncidentStore store, DiscountCodes codes, IOptions<CompensationPolicy> policy, TimeProvider clock)
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

        var percent = policy.Value.DiscountFor(incident, incident.ResolvedAt ?? clock.GetUtcNow());
        if (percent == 0)
        {
            return Compensation.None;
        }

        var code = await codes.IssueAsync(incident.Id, percent, clock.GetUtcNow() + policy.Value.DiscountValidity);
        await store.ChangeAsync(incident.Id, i => i with { DiscountCode = code.Code });
        return new Compensation(code.Code, code.Percent, code.ValidUntil);
    }
}

/// <summary>What the customer gets to make amends.</summary>
/// <param name="DiscountCode">The discount code, or null for none.</param>
/// <param name="Percent">Its discount.</param>
/// <param name="ValidUntil">Until when it can be used.</param>
public sealed record Compensation(string? DiscountCode, int Percent, DateTimeOffset? ValidUntil)
{
    /// <summary>No compensation: the customer was responsible.</summary>
    public static Compensation None { get; } = new(null, 0, null);
}
