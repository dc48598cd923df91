using Amends.Compensate;
using Amends.Payments;
using Amends.Returns;
using Amends.Silence;
using Amends.StoreBackend;
using Amends.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Functions.Workflow;

/// <summary>
/// Every activity of the workflows as an activity trigger named as in <see cref="WorkflowTasks"/>.
/// Each step comes in as its <see cref="IWorkflowStep{TInput, TOutput}"/>, keyed by the activity name.
/// </summary>
public sealed class WorkflowActivities(
    [FromKeyedServices(Acknowledge.Acknowledge.Name)] IWorkflowStep<string, bool> acknowledge,
    [FromKeyedServices(KeepCustomerInformed.Name)] IWorkflowStep<string, CustomerContact> keepCustomerInformed,
    [FromKeyedServices(Compensate.Compensate.Name)] IWorkflowStep<string, Compensation> compensate,
    [FromKeyedServices(Apologize.Name)] IWorkflowStep<Apology, bool> apologize,
    [FromKeyedServices(Close.Close.Name)] IWorkflowStep<string, bool> close,
    [FromKeyedServices(FlagStalledStep.Name)] IWorkflowStep<StalledStep, bool> flagStalledStep,
    [FromKeyedServices(PostToStoreBackend.Name)] IWorkflowStep<StoreBackendEvent, StoreBackendAnswer> postToStoreBackend,
    [FromKeyedServices(NoteStoreBackendOutcome.Name)] IWorkflowStep<StoreBackendOutcomeNote, bool> noteStoreBackendOutcome,
    [FromKeyedServices(AdvanceReturn.Name)] IWorkflowStep<string, ReturnProgress> advanceReturn,
    [FromKeyedServices(RequestPayment.Name)] IWorkflowStep<PaymentRequest, StoreBackendNotice?> requestPayment)
{
    [Function(Acknowledge.Acknowledge.Name)]
    public Task<bool> AcknowledgeAsync([ActivityTrigger] string incidentId) => acknowledge.RunAsync(incidentId);

    [Function(KeepCustomerInformed.Name)]
    public Task<CustomerContact> KeepCustomerInformedAsync([ActivityTrigger] string incidentId) => keepCustomerInformed.RunAsync(incidentId);

    [Function(Compensate.Compensate.Name)]
    public Task<Compensation> CompensateAsync([ActivityTrigger] string incidentId) => compensate.RunAsync(incidentId);

    [Function(Apologize.Name)]
    public Task<bool> ApologizeAsync([ActivityTrigger] Apology apology) => apologize.RunAsync(apology);

    [Function(Close.Close.Name)]
    public Task<bool> CloseAsync([ActivityTrigger] string incidentId) => close.RunAsync(incidentId);

    [Function(FlagStalledStep.Name)]
    public Task<bool> FlagStalledStepAsync([ActivityTrigger] StalledStep stalled) => flagStalledStep.RunAsync(stalled);

    [Function(PostToStoreBackend.Name)]
    public Task<StoreBackendAnswer> PostToStoreBackendAsync([ActivityTrigger] StoreBackendEvent storeEvent) => postToStoreBackend.RunAsync(storeEvent);

    [Function(NoteStoreBackendOutcome.Name)]
    public Task<bool> NoteStoreBackendOutcomeAsync([ActivityTrigger] StoreBackendOutcomeNote note) => noteStoreBackendOutcome.RunAsync(note);

    [Function(AdvanceReturn.Name)]
    public Task<ReturnProgress> AdvanceReturnAsync([ActivityTrigger] string incidentId) => advanceReturn.RunAsync(incidentId);

    [Function(RequestPayment.Name)]
    public Task<StoreBackendNotice?> RequestPaymentAsync([ActivityTrigger] PaymentRequest request) => requestPayment.RunAsync(request);
}
