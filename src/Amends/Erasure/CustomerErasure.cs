using Amends.Compensate;
using Amends.Email;
using Amends.Inbound;
using Amends.Photos;
using Amends.Retention;
using Amends.Returns;
using Amends.Satisfaction;
using Amends.Storage;
using Microsoft.DurableTask.Client;

namespace Amends.Erasure;

/// <summary>
/// Erases a customer on request. Every incident filed under their email address is deleted first,
/// with its timeline (so no step of its workflow can email them); then its workflow is stopped and
/// purged with its history and inputs; then go its photos, raw mail and return label, its satisfaction
/// answer and testimonial, its discount code's link to the order, its request claims, its conversation's
/// Message-IDs and its emails in the local outbox, and its status links are revoked. The ledger, the reports and the counts keep
/// their anonymous figures. The queue index rows go last: until they do, a retry finds the incident
/// again and finishes the work, since every step deletes only what is still there. See docs/erasure.md.
/// </summary>
public sealed class CustomerErasure(
    IncidentStore store,
    IncidentPhotos photos,
    MailArchive mail,
    ReturnLabels labels,
    SatisfactionSurvey satisfaction,
    CustomerLinks.CustomerLinks links,
    DiscountCodes codes,
    IdempotencyKeys keys,
    LocalOutbox outbox,
    ClosedIncidentFiles retention,
    MailThreads threads,
    ErasureLog log,
    Orders.OrderReading orders)
{
    /// <summary>How long an erasure waits for a stopped workflow to end before giving up (the caller retries).</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan StopPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>Erases everything kept about the customer at <paramref name="address"/>; returns the record of it.</summary>
    /// <param name="address">The customer's email address (one mailbox, see <see cref="ErasureRequest.Address"/>).</param>
    /// <param name="requestedBy">Who on the staff carries it out.</param>
    /// <param name="workflows">The durable client, to stop and purge the incidents' workflows.</param>
    /// <param name="cancellationToken">Cancels the work; a retry finishes it.</param>
    /// <exception cref="TimeoutException">A workflow did not stop in time; nothing is lost, retry.</exception>
    public async Task<ErasureRecord> EraseAsync(string address, string requestedBy, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(workflows);
        var started = await log.StartAsync(requestedBy, cancellationToken);
        var incidents = await store.ForCustomerAsync(address, cancellationToken);
        var ids = incidents.Select(i => i.Id).ToList();

        // First the incidents themselves: storage is the truth, and without its incident no workflow step
        // emails anyone and nothing restarts a workflow. Then the workflows, stopped and purged.
        var erased = new ErasedItems();
        foreach (var id in ids)
        {
            erased = erased.Plus(Rows(await store.DeletePartitionAsync(id, cancellationToken)));
        }

        foreach (var id in ids)
        {
            erased = erased with { Orchestrations = erased.Orchestrations + await StopAndPurgeAsync(id, workflows, cancellationToken) };
        }

        foreach (var id in ids)
        {
            erased = erased.Plus(await EraseFilesAndAnswersAsync(id, cancellationToken));
        }

        erased = erased with
        {
            IdempotencyClaims = await keys.ForgetAsync(ids, cancellationToken),
            OutboxEmails = await outbox.ForgetAsync(ids, address, cancellationToken),
        };

        // Last, so that an erasure cut short before here is found and finished by the next.
        foreach (var incident in incidents)
        {
            erased = erased with { QueueIndexRows = erased.QueueIndexRows + await store.DeleteIndexAsync(incident, address, cancellationToken) };
        }

        return await log.CompleteAsync(started, erased, cancellationToken);
    }

    private async Task<ErasedItems> EraseFilesAndAnswersAsync(string id, CancellationToken cancellationToken)
    {
        var photoCount = await photos.DeleteAllAsync(id, cancellationToken);
        var rawMails = await mail.DeleteForIncidentAsync(id, cancellationToken);
        var label = await labels.DeleteAsync(id, cancellationToken);
        var (answers, testimonials) = await satisfaction.ForgetAsync(id, cancellationToken);
        var code = await codes.ForgetIncidentAsync(id, cancellationToken);
        var schedules = await retention.ForgetAsync(id, cancellationToken);
        var conversation = await threads.ForgetAsync(id, cancellationToken);
        await orders.ForgetAsync(id, cancellationToken);

        // Timeline rows a step still running when its workflow was stopped may have written since.
        var rows = await store.DeletePartitionAsync(id, cancellationToken);

        // A link still in the customer's mailbox opens nothing any more.
        await links.RevokeAsync(id, cancellationToken);
        return Rows(rows).Plus(new ErasedItems(
            Photos: photoCount,
            RawMails: rawMails,
            ReturnLabels: label ? 1 : 0,
            SatisfactionAnswers: answers,
            Testimonials: testimonials,
            StatusLinksRevoked: 1,
            DiscountCodes: code ? 1 : 0,
            RetentionSchedules: schedules,
            ConversationMessages: conversation));
    }

    private static ErasedItems Rows(ErasedRows rows) =>
        new(Incidents: rows.Incidents, TimelineEntries: rows.TimelineEntries, EmailLog: rows.EmailLog);

    /// <summary>
    /// Stops the incident's workflow and the small orchestrations it started (telling the store's back
    /// end: their ids start with the incident id and a dot), waits until they have ended, and purges
    /// them, history and inputs; returns how many were purged.
    /// </summary>
    private static async Task<int> StopAndPurgeAsync(string incidentId, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        List<string> instances = [];
        await foreach (var instance in workflows.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = incidentId }).WithCancellation(cancellationToken))
        {
            if (instance.InstanceId == incidentId || instance.InstanceId.StartsWith(incidentId + ".", StringComparison.Ordinal))
            {
                instances.Add(instance.InstanceId);
                if (!IsEnded(instance.RuntimeStatus))
                {
                    await workflows.TerminateInstanceAsync(instance.InstanceId, "The customer's data was erased on request.", cancellationToken);
                }
            }
        }

        var purged = 0;
        foreach (var instanceId in instances)
        {
            await WaitUntilEndedAsync(instanceId, workflows, cancellationToken);
            purged += (await workflows.PurgeInstanceAsync(instanceId, cancellation: cancellationToken)).PurgedInstanceCount;
        }

        return purged;
    }

    private static async Task WaitUntilEndedAsync(string instanceId, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + StopWait;
        while (await workflows.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { } instance && !IsEnded(instance.RuntimeStatus))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Workflow {instanceId} did not stop within {StopWait.TotalSeconds} s.");
            }

            await Task.Delay(StopPoll, cancellationToken);
        }
    }

    private static bool IsEnded(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
