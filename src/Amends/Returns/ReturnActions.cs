using System.Globalization;
using Amends.Incidents;
using Amends.Ledger;
using Amends.Resolve;
using Amends.Storage;
using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Returns;

/// <summary>
/// What staff do with a returned parcel: post its tracking number, mark it received, inspect it. Each is
/// written to the incident (its <see cref="ParcelReturn"/> and timeline) before the workflow is woken, so a
/// lost wake-up loses nothing.
/// </summary>
public sealed class ReturnActions(
    IncidentStore store, CostLedger ledger, StaffActions staff, IOptions<ReturnFlowOptions> options, TimeProvider clock)
{
    /// <summary>The return parcel's tracking number, posted by the customer or seen by staff; it stops the reminder.</summary>
    public Task<ReturnActionResult> PostTrackingAsync(
        string id, string trackingNumber, string? carrier, DurableTaskClient workflows, CancellationToken cancellationToken = default) =>
        ActAsync(id, r => r.Awaited ? null : ReturnActionOutcome.AlreadyReceived,
            (_, r) => (r with { Stage = ReturnStage.OnItsWay, TrackingNumber = trackingNumber, Carrier = carrier ?? r.Carrier },
                $"Return parcel posted back: tracking {trackingNumber}{(carrier is null ? "" : $" ({carrier})")}."),
            TimelineEntryKind.ReturnUpdate, customerFacing: false, workflows, cancellationToken);

    /// <summary>The parcel arrived: the customer is told by the workflow, and the return waits for inspection.</summary>
    public Task<ReturnActionResult> MarkReceivedAsync(string id, DurableTaskClient workflows, CancellationToken cancellationToken = default) =>
        ActAsync(id, r => r.Awaited ? null : ReturnActionOutcome.AlreadyReceived,
            (_, r) => (r with { Stage = ReturnStage.Received, ReceivedAt = clock.GetUtcNow() }, "Return parcel received."),
            TimelineEntryKind.ReturnReceived, customerFacing: true, workflows, cancellationToken);

    /// <summary>
    /// Records what staff found and the refund to request: the policy's (item price less restocking fee and
    /// any return shipping the customer pays) unless staff give another with a reason. The ledger gets the
    /// refund, the restocking fee and the goods' recovered value; the workflow then asks the store to pay.
    /// </summary>
    public async Task<ReturnActionResult> InspectAsync(
        string id, ReturnCondition condition, decimal? refund, string? reason, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(id, cancellationToken) is { Value.Resolution.Return: { } policyTerms } && refund > policyTerms.ItemPrice)
        {
            return new ReturnActionResult(ReturnActionOutcome.RefundAboveItemPrice, null);
        }

        var (result, inspected) = await ChangeAsync(id,
            r => r.Stage == ReturnStage.Received ? null : r.Awaited ? ReturnActionOutcome.NotReceived : ReturnActionOutcome.AlreadyInspected,
            (incident, parcel) =>
            {
                var terms = incident.Resolution!.Return!;
                var amount = refund ?? terms.Refund;
                var recovered = options.Value.RecoveredValue(condition, terms.ItemPrice, terms.RestockingFee);
                var text = string.Create(CultureInfo.InvariantCulture,
                    $"Return inspected: {condition}. Refund {amount:0.00} to request{(refund is null ? " (the policy's)" : $" instead of the policy's {terms.Refund:0.00}: {reason}")}; restocking fee {terms.RestockingFee:0.00}, goods recovered {recovered:0.00}.");
                return (parcel with
                {
                    Stage = ReturnStage.Inspected,
                    Condition = condition,
                    InspectedAt = clock.GetUtcNow(),
                    Refund = amount,
                    RefundReason = refund is null ? null : reason,
                    RestockingFee = terms.RestockingFee,
                    RecoveredValue = recovered,
                }, text);
            },
            TimelineEntryKind.ReturnUpdate, customerFacing: false, workflows, cancellationToken);
        if (inspected is { Resolution: { } resolution })
        {
            // Should the ledger fail here, the Compensate step records the same lines again.
            await ledger.RecordAsync(CostLine.ForResolution(inspected, resolution, clock.GetUtcNow()), cancellationToken);
            await staff.WakeAsync(id, "ReturnInspected", workflows, cancellationToken);
        }

        return result;
    }

    private async Task<ReturnActionResult> ActAsync(
        string id,
        Func<ParcelReturn, ReturnActionOutcome?> refuse,
        Func<Incident, ParcelReturn, (ParcelReturn Changed, string Text)> change,
        TimelineEntryKind kind,
        bool customerFacing,
        DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var (result, changed) = await ChangeAsync(id, refuse, change, kind, customerFacing, workflows, cancellationToken);
        if (changed is not null)
        {
            await staff.WakeAsync(id, kind.ToString(), workflows, cancellationToken);
        }

        return result;
    }

    /// <summary>Checks the incident and its return, then writes the change with its timeline entry; returns the incident as changed.</summary>
    private async Task<(ReturnActionResult Result, Incident? Changed)> ChangeAsync(
        string id,
        Func<ParcelReturn, ReturnActionOutcome?> refuse,
        Func<Incident, ParcelReturn, (ParcelReturn Changed, string Text)> change,
        TimelineEntryKind kind,
        bool customerFacing,
        DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return (new ReturnActionResult(ReturnActionOutcome.NotFound, null), null);
        }

        if (incident.Status != IncidentStatus.Open)
        {
            return (new ReturnActionResult(ReturnActionOutcome.NotOpen, null), null);
        }

        if (incident.Return is not { } parcel || incident.Resolution?.Return is null)
        {
            return (new ReturnActionResult(ReturnActionOutcome.NoReturn, null), null);
        }

        if (refuse(parcel) is { } refused)
        {
            return (new ReturnActionResult(refused, null), null);
        }

        var text = change(incident, parcel).Text;
        var entry = new TimelineEntry(store.NewEntryId(), kind, clock.GetUtcNow(), text, "staff", customerFacing, Delivered: false);

        // Applied to the return as read for the write, so a flag the workflow set meanwhile (a reminder) is kept.
        Incident? changed;
        try
        {
            changed = await store.ChangeAsync(id, i => i.Return is { } fresh ? i with { Return = change(i, fresh).Changed } : i, [entry], cancellationToken);
        }
        catch (RequestFailedException)
        {
            // The change may be stored and only mirroring it failed: staff retrying are then refused (already done),
            // so the workflow must hear of it now (#20).
            await staff.WakeAsync(id, kind.ToString(), workflows, cancellationToken);
            throw;
        }

        return (new ReturnActionResult(ReturnActionOutcome.Done, entry), changed);
    }
}

/// <summary>How a staff action on a return went.</summary>
public enum ReturnActionOutcome
{
    /// <summary>Recorded (and the workflow woken).</summary>
    Done,

    /// <summary>No incident with that number.</summary>
    NotFound,

    /// <summary>The incident is already resolved or closed.</summary>
    NotOpen,

    /// <summary>The incident's resolution is not a return with label.</summary>
    NoReturn,

    /// <summary>The parcel was already marked received.</summary>
    AlreadyReceived,

    /// <summary>An inspection of a parcel that never arrived.</summary>
    NotReceived,

    /// <summary>The parcel was already inspected.</summary>
    AlreadyInspected,

    /// <summary>The refund staff gave is more than the customer paid for the item.</summary>
    RefundAboveItemPrice,
}

/// <summary>The outcome of a staff action on a return and the timeline entry it wrote.</summary>
/// <param name="Outcome">How it went.</param>
/// <param name="Entry">The entry written, when done.</param>
public sealed record ReturnActionResult(ReturnActionOutcome Outcome, TimelineEntry? Entry);
