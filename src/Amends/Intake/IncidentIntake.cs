using Amends.Email;
using Amends.Incidents;
using Amends.Orders;
using Amends.Storage;
using Amends.Telemetry;
using Amends.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Intake;

/// <summary>
/// Opens incidents: persists the incident and its first timeline entry, then starts its workflow.
/// A retried request with the same idempotency key finishes what the first one started and returns
/// the same incident. The order is read from the store before the workflow starts (<see cref="OrderReading"/>),
/// which never keeps the incident from opening.
/// </summary>
public sealed class IncidentIntake(
    IncidentStore store, IdempotencyKeys keys, IOptions<SilenceOptions> silence, IOptions<WorkflowRetryOptions> retry, TimeProvider clock, OrderReading orders)
{
    private const string Scope = "create-incident";

    /// <summary>Opens the incident described by <paramref name="request"/> (which must be valid).</summary>
    /// <param name="request">The validated request.</param>
    /// <param name="idempotencyKey">The caller's key, if it sent one.</param>
    /// <param name="fingerprint">A hash of the request body, to refuse a key reused for a different request.</param>
    /// <param name="workflows">The durable client of the host.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public Task<IntakeResult> OpenAsync(
        NewIncident request, string? idempotencyKey, string fingerprint, DurableTaskClient workflows, CancellationToken cancellationToken = default) =>
        OpenAsync(request, idempotencyKey, fingerprint, (_, _) => Task.CompletedTask, workflows, cancellationToken);

    /// <summary>
    /// Opens the incident as above; <paramref name="beforeStart"/> adds what came with the report (photos,
    /// notes, a flag) once the incident is stored and before its workflow starts, so the acknowledgement sees
    /// it all. It runs again on a retry with the same key, so it must be idempotent.
    /// </summary>
    public async Task<IntakeResult> OpenAsync(
        NewIncident request, string? idempotencyKey, string fingerprint, Func<Incident, CancellationToken, Task> beforeStart,
        DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(beforeStart);
        var id = IncidentNumber.New();
        Incident incident;
        if (idempotencyKey is null)
        {
            // No key, so no retry of an earlier request: a number nobody used, nothing to find and no workflow to
            // look for. Two storage round trips fewer on the way to the acknowledgement.
            incident = await AddAsync(id, request, mayRenumber: true, cancellationToken);
        }
        else
        {
            var claim = await keys.ClaimAsync(Scope, idempotencyKey, id, fingerprint, cancellationToken);
            if (!claim.SameRequest)
            {
                return new IntakeResult(null, KeyReused: true);
            }

            id = claim.ResourceId;
            if (await store.FindAsync(id, cancellationToken) is { } existing)
            {
                // A retry: the first attempt may have died between storing the incident and indexing it.
                incident = existing.Value;
                await store.ReindexAsync(incident, cancellationToken: cancellationToken);
            }
            else
            {
                incident = await AddAsync(id, request, mayRenumber: false, cancellationToken);
            }
        }

        incident = await orders.ReadAsync(incident.Id, cancellationToken) ?? incident;
        await beforeStart(incident, cancellationToken);
        if (idempotencyKey is null)
        {
            await ScheduleAsync(incident.Id, acknowledged: false, workflows, cancellationToken);
        }
        else
        {
            await StartWorkflowAsync(incident.Id, workflows, cancellationToken);
        }

        return new IntakeResult(incident, KeyReused: false);
    }

    /// <summary>Starts the incident's workflow unless an instance already exists.</summary>
    public async Task StartWorkflowAsync(string incidentId, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        if (await workflows.GetInstanceAsync(incidentId, cancellationToken) is not null)
        {
            return;
        }

        await ScheduleAsync(incidentId, acknowledged: false, workflows, cancellationToken);
    }

    /// <summary>
    /// Starts the incident's workflow again from storage's truth when it failed, was terminated, ended
    /// without closing the incident, or is missing; a running one is left alone. Every step is idempotent,
    /// and whether the customer was acknowledged is read from the timeline, so a restart sends nothing twice.
    /// </summary>
    /// <returns>True when it was started again.</returns>
    public async Task<bool> RestartWorkflowAsync(string incidentId, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        if (await workflows.GetInstanceAsync(incidentId, cancellationToken) is { } instance)
        {
            if (!instance.IsCompleted)
            {
                return false;
            }

            await workflows.PurgeInstanceAsync(incidentId, cancellationToken);
        }

        var acknowledged = (await store.TimelineAsync(incidentId, cancellationToken)).Any(e => e.Kind == TimelineEntryKind.Acknowledged);
        await ScheduleAsync(incidentId, acknowledged, workflows, cancellationToken);
        return true;
    }

    private async Task ScheduleAsync(string incidentId, bool acknowledged, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        await workflows.ScheduleNewOrchestrationInstanceAsync(
            IncidentWorkflow.Name,
            new WorkflowState(incidentId, silence.Value.TurnsPerGeneration, acknowledged, Retry: retry.Value.ToStepRetry()),
            new StartOrchestrationOptions(incidentId),
            cancellationToken);

    private async Task<Incident> AddAsync(string id, NewIncident request, bool mayRenumber, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            var incident = new Incident(
                id,
                new Customer(request.CustomerEmail!.Trim(), request.CustomerName!.Trim(), CustomerLanguage.Normalize(request.Language)),
                request.OrderNumber!.Trim(),
                request.Description ?? "",
                request.Sku?.Trim(),
                IncidentStatus.Open,
                request.Category ?? IncidentCategory.Unknown,
                Responsibility.Unknown,
                CreatedAt: now,
                LastCustomerContactAt: now,
                NeedsAttention: false,
                Resolution: null,
                ResolvedAt: null,
                ClosedAt: null,
                DiscountCode: null);
            var reported = new TimelineEntry(IncidentStore.StepEntryId(now, "reported"), TimelineEntryKind.Reported, now, request.Description, "customer", CustomerFacing: false, Delivered: false);
            if (await store.TryAddAsync(incident, reported, cancellationToken))
            {
                AmendsTelemetry.IncidentCreated("api", incident.Customer.Language);
                return incident;
            }

            if (!mayRenumber)
            {
                // A concurrent retry with the same key stored it first.
                return (await store.FindAsync(id, cancellationToken))!.Value;
            }

            id = IncidentNumber.New();
        }
    }
}

/// <summary>The outcome of opening an incident.</summary>
/// <param name="Incident">The incident, new or found by its idempotency key; null when the key was reused.</param>
/// <param name="KeyReused">True when the idempotency key belongs to a different request.</param>
public sealed record IntakeResult(Incident? Incident, bool KeyReused);
