using Amends.Claims;
using Amends.Incidents;
using Amends.Intake;
using Amends.Ledger;
using Amends.Payments;
using Amends.Returns;
using Amends.SpareParts;
using Amends.Storage;
using Amends.StoreBackend;
using Amends.Workflow;
using Azure;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Resolve;

/// <summary>
/// What staff do on an open incident. Each action is written to the incident's timeline first;
/// only then is the workflow woken, so a lost wake-up loses nothing (the next wake or the silence
/// timer picks the change up from storage). Entries are signed with the acting member's name
/// (<see cref="As"/>); an action other than an internal note or an assignment clears the attention flag.
/// </summary>
public sealed class StaffActions(
    IncidentStore store,
    IncidentIntake intake,
    CostLedger ledger,
    SpareStock stock,
    ReturnLabels labels,
    IOptions<ReturnPolicy> returnPolicy,
    StoreBackendWebhook storeBackend,
    IOptions<WorkflowRetryOptions> retry,
    TimeProvider clock,
    CarrierClaims claims,
    PaymentInstructions payments)
{
    private string by = Staff.StaffIdentity.Unnamed;

    /// <summary>The same actions, signed on the timeline with <paramref name="staffName"/>.</summary>
    public StaffActions As(string staffName)
    {
        var acting = (StaffActions)MemberwiseClone();
        acting.by = staffName;
        return acting;
    }

    /// <summary>Assigns the incident to <paramref name="assignee"/>, replacing whoever was on it.</summary>
    public Task<StaffActionResult> AssignAsync(string id, Assignee assignee, CancellationToken cancellationToken = default) =>
        ActAsync(id, TimelineEntryKind.InternalNote, $"Assigned to {assignee.Name}.", customerFacing: false,
            i => i with { Assignee = assignee }, workflows: null, cancellationToken);

    /// <summary>Nobody is on the incident any more.</summary>
    public Task<StaffActionResult> UnassignAsync(string id, CancellationToken cancellationToken = default) =>
        ActAsync(id, TimelineEntryKind.InternalNote, "Unassigned.", customerFacing: false,
            i => i with { Assignee = null }, workflows: null, cancellationToken);

    /// <summary>Clears the attention flag without acting otherwise (staff looked and nothing is to be done); the reasons go on the timeline.</summary>
    public async Task<StaffActionResult> DismissAttentionAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return new StaffActionResult(StaffActionOutcome.NotFound, null);
        }

        var reasons = incident.Attention is { Count: > 0 } raised ? string.Join(", ", raised.Select(r => r.Kind)) : "none recorded";
        return await ActAsync(id, TimelineEntryKind.InternalNote, $"Attention dismissed ({reasons}).", customerFacing: false,
            i => i.ClearAttention(), workflows: null, cancellationToken);
    }

    /// <summary>A message to the customer, emailed by the workflow.</summary>
    public Task<StaffActionResult> PostUpdateAsync(string id, string message, DurableTaskClient workflows, CancellationToken cancellationToken = default) =>
        ActAsync(id, TimelineEntryKind.StaffUpdate, message, customerFacing: true, i => i, workflows, cancellationToken);

    /// <summary>A note only staff see; the customer is not told.</summary>
    public Task<StaffActionResult> AddNoteAsync(string id, string note, CancellationToken cancellationToken = default) =>
        ActAsync(id, TimelineEntryKind.InternalNote, note, customerFacing: false, i => i, workflows: null, cancellationToken);

    /// <summary>Sets what went wrong and who is responsible; the carrier's responsibility opens its claim (once per incident).</summary>
    public async Task<StaffActionResult> DiagnoseAsync(
        string id, IncidentCategory category, Responsibility responsibility, CancellationToken cancellationToken = default)
    {
        var (result, incident) = await ChangeAsync(id, TimelineEntryKind.Diagnosed, $"Category {category}, responsibility {responsibility}.", customerFacing: false,
            i => i with { Category = category, Responsibility = responsibility }, workflows: null, cancellationToken);
        if (incident is { Responsibility: Responsibility.Carrier })
        {
            await claims.OpenAsync(incident, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Records how the store fixes it, then its costs in the ledger (a changed resolution replaces the
    /// lines of the one before); the customer is told, with any tracking number. A resolution naming a
    /// spare part first takes one off the shelf for this incident (once, however often it is chosen) and
    /// costs it at the part's unit cost; with none left, nothing is recorded. A part reserved for an
    /// earlier choice goes back on the shelf. A return with label gets its label (made once) and its
    /// terms under the return policy, from <see cref="Resolution.ItemPrice"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A return with label without an item price.</exception>
    public async Task<StaffActionResult> ChooseResolutionAsync(string id, Resolution resolution, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        if (resolution.Type == ResolutionType.ReturnWithLabel && resolution.ItemPrice is null)
        {
            throw new ArgumentException("A return with label needs the item price.", nameof(resolution));
        }

        if (resolution.PartSku is not null || resolution.Type == ResolutionType.ReturnWithLabel)
        {
            // Check the incident before reserving, so a part is never set aside for an incident that cannot use it.
            if (await store.FindAsync(id, cancellationToken) is not { Value: var current })
            {
                return new StaffActionResult(StaffActionOutcome.NotFound, null);
            }

            if (current.Status != IncidentStatus.Open)
            {
                return new StaffActionResult(StaffActionOutcome.NotOpen, null);
            }

            if (resolution.PartSku is { } partSku)
            {
                var reservation = await stock.ReserveAsync(id, partSku, cancellationToken);
                switch (reservation.Outcome)
                {
                    case ReservationOutcome.OutOfStock:
                        return new StaffActionResult(StaffActionOutcome.OutOfStock, null);
                    case ReservationOutcome.UnknownPart:
                        return new StaffActionResult(StaffActionOutcome.UnknownPart, null);
                    default:
                        resolution = resolution with { PartCost = reservation.Part!.UnitCost };
                        break;
                }
            }

            if (resolution.Type == ResolutionType.ReturnWithLabel)
            {
                resolution = await ReturnAsync(current, resolution, cancellationToken);
            }
        }

        var (result, incident) = await ChangeAsync(id, TimelineEntryKind.ResolutionChosen, Describe(resolution), customerFacing: true,
            i => i with { Resolution = resolution, Return = resolution.Return is null ? null : i.Return ?? new ParcelReturn(ReturnStage.AwaitingParcel, clock.GetUtcNow()) },
            workflows, cancellationToken);

        // After the wake-up: should the ledger fail here, the Compensate step records these lines again.
        if (incident is not null)
        {
            await PutBackPartsAsync(id, resolution.PartSku, cancellationToken);
            await ledger.RecordAsync(CostLine.ForResolution(incident, resolution, clock.GetUtcNow()), cancellationToken);
            await TellStoreBackendAsync(incident, resolution, workflows, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// The tracking number of the spare part or replacement on its way, told to the customer by email
    /// (a resolution is often chosen before the parcel leaves). A carrier given here replaces the one
    /// the resolution named, in the ledger too.
    /// </summary>
    public async Task<StaffActionResult> PostTrackingAsync(
        string id, string trackingNumber, string? carrier, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var current })
        {
            return new StaffActionResult(StaffActionOutcome.NotFound, null);
        }

        if (current.Status != IncidentStatus.Open)
        {
            return new StaffActionResult(StaffActionOutcome.NotOpen, null);
        }

        if (current.Resolution is not { Type: ResolutionType.SparePart or ResolutionType.Replacement })
        {
            return new StaffActionResult(StaffActionOutcome.NothingShipped, null);
        }

        var text = carrier is null ? $"Tracking {trackingNumber}." : $"Tracking {trackingNumber} ({carrier}).";
        var (result, incident) = await ChangeAsync(id, TimelineEntryKind.TrackingPosted, text, customerFacing: true,
            i => i.Resolution is { } r ? i with { Resolution = r with { TrackingNumber = trackingNumber, Carrier = carrier ?? r.Carrier } } : i,
            workflows, cancellationToken);
        if (carrier is not null && carrier != current.Resolution.Carrier && incident?.Resolution is { } changed)
        {
            await ledger.RecordAsync(CostLine.ForResolution(incident, changed, clock.GetUtcNow()), cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Sets the product the incident is about (an emailed incident often has none): noted on the timeline,
    /// and the cost lines already recorded move to the new product, so the reports follow.
    /// </summary>
    public async Task<StaffActionResult> SetSkuAsync(string id, string sku, CancellationToken cancellationToken = default)
    {
        var before = (await store.FindAsync(id, cancellationToken))?.Value.Sku;
        var (result, incident) = await ChangeAsync(id, TimelineEntryKind.InternalNote, $"Product set to {sku} (was {before ?? "none"}).", customerFacing: false,
            i => i with { Sku = sku }, workflows: null, cancellationToken);
        if (incident is not null && await ledger.ForIncidentAsync(id, cancellationToken) is { Count: > 0 } lines)
        {
            await ledger.RecordAsync([.. lines.Select(l => l with { Sku = sku })], cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Marks it resolved; the workflow then compensates (with <paramref name="compensation"/> when staff
    /// chose one, else by the policy), apologizes and closes.
    /// </summary>
    public Task<StaffActionResult> ResolveAsync(
        string id, string? note, CompensationChoice? compensation, DurableTaskClient workflows, CancellationToken cancellationToken = default) =>
        ActAsync(id, TimelineEntryKind.Resolved, (note ?? "Resolved.") + (compensation is null ? "" : $" Compensation chosen by staff: {compensation.Outcome}."),
            customerFacing: false,
            i => i with { Status = IncidentStatus.Resolved, ResolvedAt = clock.GetUtcNow(), ChosenCompensation = compensation }, workflows, cancellationToken);

    /// <summary>
    /// Resumes an incident's workflow that stopped, e.g. a step that failed every attempt and waits for
    /// staff, or a workflow that failed or went missing: noted on the timeline, then woken or started again
    /// from storage's truth. Allowed until the incident is closed (a resolved incident may still owe the
    /// customer an apology).
    /// </summary>
    public async Task<StaffActionResult> ResumeAsync(string id, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return new StaffActionResult(StaffActionOutcome.NotFound, null);
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            return new StaffActionResult(StaffActionOutcome.NotOpen, null);
        }

        var entry = new TimelineEntry(store.NewEntryId(), TimelineEntryKind.InternalNote, clock.GetUtcNow(), $"Workflow resumed by {by}.", by,
            CustomerFacing: false, Delivered: false);

        // Resuming is acting on the failed step: that reason is dealt with, others stand.
        await store.ChangeAsync(id, Without(AttentionKind.StepFailed), [entry], cancellationToken);
        if (!await intake.RestartWorkflowAsync(id, workflows, cancellationToken))
        {
            await workflows.RaiseEventAsync(id, IncidentWorkflow.WakeUp, "resume", cancellationToken);
        }

        return new StaffActionResult(StaffActionOutcome.Done, entry);
    }

    /// <summary>
    /// Wakes the incident's workflow, starting it again from storage's truth if it failed, was terminated or is
    /// missing, or ended while the incident is not closed (reopened by a message whose start-up then failed).
    /// </summary>
    public async Task WakeAsync(string id, string reason, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        // An event raised for an instance that does not exist is dropped by the engine: check first.
        var instance = await workflows.GetInstanceAsync(id, cancellationToken);
        if (instance is null || instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated
            || (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && await store.FindAsync(id, cancellationToken) is { Value.Status: not IncidentStatus.Closed }))
        {
            await intake.RestartWorkflowAsync(id, workflows, cancellationToken);
            return;
        }

        if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended)
        {
            await workflows.RaiseEventAsync(id, IncidentWorkflow.WakeUp, reason, cancellationToken);
        }
    }

    private async Task<StaffActionResult> ActAsync(
        string id,
        TimelineEntryKind kind,
        string text,
        bool customerFacing,
        Func<Incident, Incident> change,
        DurableTaskClient? workflows,
        CancellationToken cancellationToken) =>
        (await ChangeAsync(id, kind, text, customerFacing, change, workflows, cancellationToken)).Result;

    /// <summary>Writes the action to the timeline with its change, wakes the workflow if asked; returns the incident as changed.</summary>
    private async Task<(StaffActionResult Result, Incident? Changed)> ChangeAsync(
        string id,
        TimelineEntryKind kind,
        string text,
        bool customerFacing,
        Func<Incident, Incident> change,
        DurableTaskClient? workflows,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return (new StaffActionResult(StaffActionOutcome.NotFound, null), null);
        }

        if (incident.Status != IncidentStatus.Open)
        {
            return (new StaffActionResult(StaffActionOutcome.NotOpen, null), null);
        }

        var entry = new TimelineEntry(store.NewEntryId(), kind, clock.GetUtcNow(), text, by, customerFacing, Delivered: false);

        // Staff acting on the incident is what the flag asked for; a note or an assignment is not yet acting.
        var clears = kind != TimelineEntryKind.InternalNote;
        Incident? changed;
        try
        {
            changed = await store.ChangeAsync(id, i => clears ? change(i).ClearAttention() : change(i), [entry], cancellationToken);
        }
        catch (RequestFailedException) when (workflows is not null)
        {
            // The change may be stored and only mirroring it (the queue's index, staff notices) failed: staff then retry,
            // find it made and do nothing more, so the workflow must hear of it now. Waking it for nothing is harmless.
            await WakeAsync(id, kind.ToString(), workflows, cancellationToken);
            throw;
        }

        if (workflows is not null)
        {
            await WakeAsync(id, kind.ToString(), workflows, cancellationToken);
        }

        return (new StaffActionResult(StaffActionOutcome.Done, entry), changed);
    }

    /// <summary>
    /// A refund or store credit is paid by the store's back end (Amends holds no payment credentials): it becomes
    /// a payment instruction (once per incident and kind, whatever is chosen later) and the store is told by the
    /// signed webhook from its own orchestration, named by the instruction: retries never hold up the staff request.
    /// </summary>
    private async Task TellStoreBackendAsync(Incident incident, Resolution resolution, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        PaymentKind? kind = resolution.Type switch
        {
            ResolutionType.Refund => PaymentKind.Refund,
            ResolutionType.StoreCredit => PaymentKind.StoreCredit,
            _ => null,
        };
        if (kind is null || resolution.RefundAmount <= 0)
        {
            return;
        }

        var instruction = await payments.RequestAsync(incident.Id, kind.Value, resolution.RefundAmount, storeBackend.Currency, clock.GetUtcNow(), cancellationToken);
        if (!instruction.Posted && instruction.Status == PaymentStatus.Requested && await workflows.GetInstanceAsync(instruction.Id, cancellationToken) is null)
        {
            var notice = storeBackend.NoticeFor(instruction, incident.OrderNumber) with { Retry = retry.Value.ToStepRetry() };
            await workflows.ScheduleNewOrchestrationInstanceAsync(
                TellStoreBackend.Name, notice, new StartOrchestrationOptions(instruction.Id), cancellationToken);
        }
    }

    /// <summary>The return's label (made once per incident) and its terms: fee and refund by the return policy, the label's cost as the return shipping.</summary>
    private async Task<Resolution> ReturnAsync(Incident incident, Resolution resolution, CancellationToken cancellationToken)
    {
        var label = await labels.EnsureAsync(incident, cancellationToken);
        var labelCost = resolution.LabelCost > 0 ? resolution.LabelCost : label.Cost;
        var terms = returnPolicy.Value.Terms(incident, label.ReturnNumber, resolution.ItemPrice!.Value, labelCost);
        return resolution with
        {
            LabelCost = labelCost,
            RefundAmount = terms.Refund,
            Carrier = resolution.Carrier ?? label.Carrier,
            TrackingNumber = resolution.TrackingNumber ?? label.TrackingNumber,
            Return = terms,
        };
    }

    /// <summary>Parts reserved for an earlier choice go back on the shelf; staff see which on the timeline.</summary>
    private async Task PutBackPartsAsync(string id, string? keepPartSku, CancellationToken cancellationToken)
    {
        var released = await stock.ReleaseAsync(id, keepPartSku, cancellationToken);
        if (released.Count > 0)
        {
            var text = $"Back on the shelf: {string.Join(", ", released.Select(p => p.PartSku))}.";
            var entry = new TimelineEntry(store.NewEntryId(), TimelineEntryKind.InternalNote, clock.GetUtcNow(), text, "amends", CustomerFacing: false, Delivered: false);
            await store.ChangeAsync(id, i => i, [entry], cancellationToken);
        }
    }

    private static Func<Incident, Incident> Without(AttentionKind kind) => i =>
        i.Attention?.Any(r => r.Kind == kind) == true
            ? i.Attention.Any(r => r.Kind != kind)
                ? i with { Attention = [.. i.Attention.Where(r => r.Kind != kind)] }
                : i.ClearAttention()
            : i;

    private static string Describe(Resolution resolution) =>
        resolution.Return is { } terms ? $"{resolution.Type}, return {terms.ReturnNumber}."
        : resolution.TrackingNumber is { } tracking ? $"{resolution.Type}, tracking {tracking}."
        : $"{resolution.Type}.";
}

/// <summary>How a staff action went.</summary>
public enum StaffActionOutcome
{
    /// <summary>Recorded (and the workflow woken when the customer is to be told).</summary>
    Done,

    /// <summary>No incident with that number.</summary>
    NotFound,

    /// <summary>The incident is already resolved or closed.</summary>
    NotOpen,

    /// <summary>The spare part chosen has none left on the shelf; nothing was recorded.</summary>
    OutOfStock,

    /// <summary>The spare part chosen is not in the catalogue; nothing was recorded.</summary>
    UnknownPart,

    /// <summary>A tracking number was posted, but the resolution ships nothing (not a spare part or replacement).</summary>
    NothingShipped,
}

/// <summary>The outcome of a staff action and the timeline entry it wrote.</summary>
/// <param name="Outcome">How it went.</param>
/// <param name="Entry">The entry written, when done.</param>
public sealed record StaffActionResult(StaffActionOutcome Outcome, TimelineEntry? Entry);
