using Amends.Storage;
using Amends.StoreBackend;
using Amends.Workflow;
using Microsoft.Extensions.Options;

namespace Amends.Payments;

/// <summary>
/// Records an amount the workflow promised as a payment instruction (once per incident and kind) and
/// hands back what the store is to be told, or null when it was told before: the orchestrator then posts
/// it with <see cref="TellStoreBackend"/>'s steps.
/// </summary>
public sealed class RequestPayment(
    IncidentStore store,
    PaymentInstructions instructions,
    StoreBackendWebhook webhook,
    IOptions<WorkflowRetryOptions> retry,
    TimeProvider clock) : IWorkflowStep<PaymentRequest, StoreBackendNotice?>
{
    /// <summary>The activity name.</summary>
    public const string Name = "RequestPayment";

    /// <inheritdoc />
    public async Task<StoreBackendNotice?> RunAsync(PaymentRequest input)
    {
        if (input.Amount <= 0 || await store.FindAsync(input.IncidentId) is not { Value: var incident })
        {
            return null;
        }

        var instruction = await instructions.RequestAsync(input.IncidentId, input.Kind, input.Amount, webhook.Currency, clock.GetUtcNow());
        return instruction.Posted || instruction.Status != PaymentStatus.Requested
            ? null
            : webhook.NoticeFor(instruction, incident.OrderNumber) with { Retry = retry.Value.ToStepRetry() };
    }
}
