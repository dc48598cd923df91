using System.Globalization;
using Amends.Incidents;
using Amends.Intake;
using Amends.Retention;
using Amends.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Reopen;

/// <summary>
/// A customer's message about a closed incident is never ignored: within <see cref="ReopenOptions.Within"/>
/// of closing, the incident is reopened (status Open again, a new round of its workflow, its history kept);
/// later, a new incident follows it up, each linked to the other. Either way staff are flagged.
/// </summary>
public sealed class Reopening(
    IncidentStore store, IncidentIntake intake, IdempotencyKeys keys, ClosedIncidentFiles retention, IOptions<ReopenOptions> options)
{
    private const string Scope = "follow-up";
    private const string FromAmends = "amends";

    /// <summary>Follow-ups of follow-ups are followed this far, no further.</summary>
    private const int MaxChain = 10;

    /// <summary>
    /// The incident a customer's message about <paramref name="incident"/> belongs to: the incident itself
    /// unless it is closed; a closed one reopened; or its follow-up, opened once per <paramref name="messageKey"/>.
    /// Written to storage before it returns; the caller adds the message, then calls <see cref="StartAsync"/>.
    /// </summary>
    /// <param name="incident">The incident the message names.</param>
    /// <param name="messageKey">What identifies the message (its Message-ID, or the status page post's entry stem), so a retry does the same.</param>
    /// <param name="at">When the message arrived.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<MessageTarget> TargetAsync(Incident incident, string messageKey, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        for (var hop = 0; hop < MaxChain && incident.FollowUp is { } next && await store.FindAsync(next, cancellationToken) is { Value: var followUp }; hop++)
        {
            incident = followUp;
        }

        if (incident.Status != IncidentStatus.Closed)
        {
            return new MessageTarget(incident, MessageTargetKind.AsIs);
        }

        var closedAt = incident.ClosedAt ?? at;
        return at - closedAt <= options.Value.Within
            ? new MessageTarget(await ReopenAsync(incident, messageKey, at, cancellationToken), MessageTargetKind.Reopened)
            : new MessageTarget(await FollowUpAsync(incident, messageKey, at, cancellationToken), MessageTargetKind.FollowUp);
    }

    /// <summary>Starts the workflow of a reopened incident (a new round) or of a new follow-up; nothing for an incident as it was.</summary>
    public async Task StartAsync(MessageTarget target, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        switch (target.Kind)
        {
            case MessageTargetKind.Reopened:
                await intake.RestartWorkflowAsync(target.Incident.Id, workflows, cancellationToken);
                break;
            case MessageTargetKind.FollowUp:
                await intake.StartWorkflowAsync(target.Incident.Id, workflows, cancellationToken);
                break;
        }
    }

    private async Task<Incident> ReopenAsync(Incident closed, string messageKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Reopened: the customer wrote {Since(closed.ClosedAt, at)} after it closed. A new round of the workflow starts; the history above is kept.");
        var note = new TimelineEntry(IncidentStore.StepEntryId(at, "reopened-" + Short(messageKey)), TimelineEntryKind.InternalNote, at, text, FromAmends,
            CustomerFacing: false, Delivered: false);

        // The silence clock starts again now: the customer hears from us within the limit of writing.
        var reopened = await store.ChangeAsync(
            closed.Id,
            i => i.Status != IncidentStatus.Closed ? i
                : (i with { Status = IncidentStatus.Open, ResolvedAt = null, ClosedAt = null, Round = i.Round + 1, LastCustomerContactAt = at })
                    .Raise(AttentionKind.Reopened, at, $"round {i.Round + 2}"),
            [note],
            cancellationToken) ?? closed;

        // Open again, its raw mail and photos are no longer due for deletion.
        await retention.ForgetAsync(closed.Id, cancellationToken);
        return reopened;
    }

    private async Task<Incident> FollowUpAsync(Incident closed, string messageKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var claim = await keys.ClaimAsync(Scope, closed.Id + "|" + messageKey, IncidentNumber.New(), messageKey, cancellationToken);
        var id = claim.ResourceId;
        var description = $"Follow-up of {closed.Id}: the customer wrote again {Since(closed.ClosedAt, at)} after it closed.";
        var followUp = new Incident(
            id, closed.Customer, closed.OrderNumber, description, closed.Sku, IncidentStatus.Open, closed.Category, Responsibility.Unknown,
            CreatedAt: at, LastCustomerContactAt: at, NeedsAttention: false, Resolution: null, ResolvedAt: null, ClosedAt: null, DiscountCode: null,
            FollowUpOf: closed.Id);
        var reported = new TimelineEntry(IncidentStore.StepEntryId(at, "reported"), TimelineEntryKind.Reported, at, description, FromAmends,
            CustomerFacing: false, Delivered: false);
        await store.TryAddAsync(followUp, reported, cancellationToken);

        var note = new TimelineEntry(IncidentStore.StepEntryId(at, "follow-up-" + Short(messageKey)), TimelineEntryKind.InternalNote, at,
            $"The customer wrote again after closing; followed up in {id}.", FromAmends, CustomerFacing: false, Delivered: false);
        await store.ChangeAsync(closed.Id, i => i with { FollowUp = id }, [note], cancellationToken);
        return (await store.FindAsync(id, cancellationToken))?.Value ?? followUp;
    }

    private static string Since(DateTimeOffset? closedAt, DateTimeOffset at)
    {
        var days = closedAt is { } closed ? (int)Math.Floor((at - closed).TotalDays) : 0;
        return days switch { 0 => "the same day", 1 => "1 day", _ => $"{days} days" };
    }

    private static string Short(string key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..8];
}

/// <summary>How a customer's message found its incident.</summary>
public enum MessageTargetKind
{
    /// <summary>The incident named, not closed.</summary>
    AsIs,

    /// <summary>The incident named, closed and now reopened.</summary>
    Reopened,

    /// <summary>A new incident that follows up the closed one.</summary>
    FollowUp,
}

/// <summary>The incident a customer's message belongs to, and how it was found.</summary>
/// <param name="Incident">The incident, as stored.</param>
/// <param name="Kind">As it was, reopened, or a new follow-up.</param>
public sealed record MessageTarget(Incident Incident, MessageTargetKind Kind);
