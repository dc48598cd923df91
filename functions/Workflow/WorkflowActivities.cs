using Amends.Acknowledge;
using Amends.Close;
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
/// Every activity of <see cref="WorkflowTasks.Steps"/> as an activity trigger of the same name, each one
/// line into its step, resolved by that name as the server resolves it. The Functions host reads triggers
/// from attributes only, so they are listed here; the parity test compares them with WorkflowTasks.
/// </summary>
public sealed class WorkflowActivities(IServiceProvider services)
{
    [Function(AcknowledgeCustomer.Name)]
    public Task<bool> AcknowledgeAsync([ActivityTrigger] string incidentId) => Step<string, bool>(AcknowledgeCustomer.Name).RunAsync(incidentId);

    [Function(KeepCustomerInformed.Name)]
    public Task<CustomerContact> KeepCustomerInformedAsync([ActivityTrigger] string incidentId) =>
        Step<string, CustomerContact>(KeepCustomerInformed.Name).RunAsync(incidentId);

    [Function(CompensateCustomer.Name)]
    public Task<Compensation> CompensateAsync([ActivityTrigger] string incidentId) => Step<string, Compensation>(CompensateCustomer.Name).RunAsync(incidentId);

    [Function(Apologize.Name)]
    public Task<bool> ApologizeAsync([ActivityTrigger] Apology apology) => Step<Apology, bool>(Apologize.Name).RunAsync(apology);

    [Function(CloseIncident.Name)]
    public Task<bool> CloseAsync([ActivityTrigger] string incidentId) => Step<string, bool>(CloseIncident.Name).RunAsync(incidentId);

    [Function(FlagStalledStep.Name)]
    public Task<bool> FlagStalledStepAsync([ActivityTrigger] StalledStep stalled) => Step<StalledStep, bool>(FlagStalledStep.Name).RunAsync(stalled);

    [Function(PostToStoreBackend.Name)]
    public Task<StoreBackendAnswer> PostToStoreBackendAsync([ActivityTrigger] StoreBackendEvent storeEvent) =>
        Step<StoreBackendEvent, StoreBackendAnswer>(PostToStoreBackend.Name).RunAsync(storeEvent);

    [Function(NoteStoreBackendOutcome.Name)]
    public Task<bool> NoteStoreBackendOutcomeAsync([ActivityTrigger] StoreBackendOutcomeNote note) =>
        Step<StoreBackendOutcomeNote, bool>(NoteStoreBackendOutcome.Name).RunAsync(note);

    [Function(AdvanceReturn.Name)]
    public Task<ReturnProgress> AdvanceReturnAsync([ActivityTrigger] string incidentId) => Step<string, ReturnProgress>(AdvanceReturn.Name).RunAsync(incidentId);

    [Function(RequestPayment.Name)]
    public Task<StoreBackendNotice?> RequestPaymentAsync([ActivityTrigger] PaymentRequest request) =>
        Step<PaymentRequest, StoreBackendNotice?>(RequestPayment.Name).RunAsync(request);

    private IWorkflowStep<TInput, TOutput> Step<TInput, TOutput>(string activity) => services.GetRequiredKeyedService<IWorkflowStep<TInput, TOutput>>(activity);
}
