using Amends.Incidents;
using Amends.Intake;
using Amends.Ledger;
using Amends.SpareParts;
using Amends.Storage;
using Amends.StoreBackend;
using Amends.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Amends.Resolve;

/// <summary>
/// What staff do on an open incident. Each action is written to the incident's timeline first;
/// only then is the workflow woken, so a lost wake-up loses nothing (the next wake or the silence
/// timer picks the change up from storage).
/// </summary>
public sealed class StaffActions(IncidentStore store, IncidentIntake intake, CostLedger ledger, SpareStock stock, StoreBackendWebhook storeBackend, TimeProvider clock)
{
    /// <summary>A message to the customer, emailed by the workflow.</summary>
    public Task<StaffActionResult> PostUpdateAsync(string id, string message, DurableTaskClient workflows, CancellationToken cancellationToken = default) =>
        ActAsync(id, TimelineEntryKind.StaffUpdate, message, customerFacing: true, i => i, workflows, cancellationToken);

    /// <summary>A note only staff see; the customer is not told.</summary>
    public Task<StaffActionResult> AddNoteAsync(string id, string note, CancellationToken cancellationToken = default) =>
        ActAsync(id, TimelineEntryKind.InternalNote, note, customerFacing: false, i => i, workflows: null, cancellationToken);

    /// <summary>Sets what went wrong and who is responsible.</summary>
    public Task<StaffActionResult> DiagnoseAsync(
        string id, IncidentCategory category, Responsibility responsibility, CancellationToken cancellationToken = default) =>
        ActAsync(id, TimelineEntryKind.Diagnosed, $"Category {category}, responsibility {responsibility}.", customerFacing: false,
            i => i with { Category = category, Responsibility = responsibility }, workflows: null, cancellationToken);

    /// <summary>
    /// Records how the store fixes it, then its costs in the ledger (a changed resolution replaces the
    /// lines of the one before); the customer is told, with any tracking number. A resolution naming a
    /// spare part first takes one off the shelf for this incident (once, however often it is chosen) and
    /// costs it at the part's unit cost; with none left, nothing is recorded.
    /// </summary>
    public async Task<StaffActionResult> ChooseResolutionAsync(string id, Resolution resolution, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        if (resolution.PartSku is { } partSku)
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

        var (result, incident) = await ChangeAsync(id, TimelineEntryKind.ResolutionChosen, Describe(resolution), customerFacing: true,
            i => i with { Resolution = resolution }, workflows, cancellationToken);

        // After the wake-up: should the ledger fail here, the Compensate step records these lines again.
        if (incident is not null)
        {
            await ledger.RecordAsync(CostLine.ForResolution(incident, resolution, clock.GetUtcNow()), cancellationToken);
            await TellStoreBackendAsync(incident, resolution, result.Entry!, workflows, cancellationToken);
        }

        return result;
    }

    /// <summary>Marks it resolved; the workflow then compensates, apologizes and closes.</summary>
    public Task<StaffActionResult> ResolveAsync(string id, string? note, DurableTaskClient workflows, CancellationToken cancellationToken = default) =>
        ActAsync(id, TimelineEntryKind.Resolved, note ?? "Resolved.", customerFacing: false,
            i => i with { Status = IncidentStatus.Resolved, ResolvedAt = clock.GetUtcNow() }, workflows, cancellationToken);

    /// <summary>Wakes the incident's workflow, starting it again if it is missing (e.g. lost before it began).</summary>
    public async Task WakeAsync(string id, string reason, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        // An event raised for an instance that does not exist is dropped by the engine: check first.
        var instance = await workflows.GetInstanceAsync(id, cancellationToken);
        if (instance is null || instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            if (instance is not null)
            {
                await workflows.PurgeInstanceAsync(id, cancellationToken);
            }

            await intake.StartWorkflowAsync(id, workflows, cancellationToken);
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

        var entry = new TimelineEntry(store.NewEntryId(), kind, clock.GetUtcNow(), text, "staff", customerFacing, Delivered: false);
        var changed = await store.ChangeAsync(id, change, [entry], cancellationToken);
        if (workflows is not null)
        {
            await WakeAsync(id, kind.ToString(), workflows, cancellationToken);
        }

        return (new StaffActionResult(StaffActionOutcome.Done, entry), changed);
    }

    /// <summary>
    /// A refund or store credit is paid by the store's back end (Amends holds no payment credentials), so it
    /// is told by the signed webhook, from its own orchestration: retries never hold up the staff request.
    /// </summary>
    private async Task TellStoreBackendAsync(Incident incident, Resolution resolution, TimelineEntry chosen, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        if (storeBackend.NoticeFor(incident, resolution) is { } notice)
        {
            await workflows.ScheduleNewOrchestrationInstanceAsync(
                TellStoreBackend.Name, notice, new StartOrchestrationOptions(TellStoreBackend.InstanceId(notice, chosen.Id)), cancellationToken);
        }
    }

    private static string Describe(Resolution resolution) =>
        resolution.TrackingNumber is { } tracking ? $"{resolution.Type}, tracking {tracking}." : $"{resolution.Type}.";
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
}

/// <summary>The outcome of a staff action and the timeline entry it wrote.</summary>
/// <param name="Outcome">How it went.</param>
/// <param name="Entry">The entry written, when done.</param>
public sealed record StaffActionResult(StaffActionOutcome Outcome, TimelineEntry? Entry);
