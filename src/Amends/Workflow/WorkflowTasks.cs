using Amends.Compensate;
using Amends.Payments;
using Amends.Returns;
using Amends.Silence;
using Amends.StoreBackend;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Workflow;

/// <summary>
/// Every orchestration and activity of Amends, registered once here so both hosts run the same
/// workflow; the parity test compares this list with the Functions app's.
/// </summary>
public static class WorkflowTasks
{
    /// <summary>The orchestration names.</summary>
    public static IReadOnlyList<string> Orchestrations { get; } = [IncidentWorkflow.Name, TellStoreBackend.Name];

    /// <summary>The activity names.</summary>
    public static IReadOnlyList<string> Activities { get; } =
        [Acknowledge.Acknowledge.Name, KeepCustomerInformed.Name, Compensate.Compensate.Name, Apologize.Name, Close.Close.Name,
         FlagStalledStep.Name, PostToStoreBackend.Name, NoteStoreBackendOutcome.Name, AdvanceReturn.Name, RequestPayment.Name];

    /// <summary>Adds the incident workflow, the store back-end notice and their activities to <paramref name="registry"/>.</summary>
    public static DurableTaskRegistry AddIncidentWorkflow(this DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<WorkflowState, string>(IncidentWorkflow.Name, IncidentWorkflow.RunAsync)
        .AddStep<Acknowledge.Acknowledge, string, bool>(Acknowledge.Acknowledge.Name)
        .AddStep<KeepCustomerInformed, string, CustomerContact>(KeepCustomerInformed.Name)
        .AddStep<Compensate.Compensate, string, Compensation>(Compensate.Compensate.Name)
        .AddStep<Apologize, Apology, bool>(Apologize.Name)
        .AddStep<Close.Close, string, bool>(Close.Close.Name)
        .AddStep<FlagStalledStep, StalledStep, bool>(FlagStalledStep.Name)
        .AddOrchestratorFunc<StoreBackendNotice, StoreBackendDelivery>(TellStoreBackend.Name, TellStoreBackend.RunAsync)
        .AddStep<PostToStoreBackend, StoreBackendEvent, StoreBackendAnswer>(PostToStoreBackend.Name)
        .AddStep<NoteStoreBackendOutcome, StoreBackendOutcomeNote, bool>(NoteStoreBackendOutcome.Name)
        .AddStep<AdvanceReturn, string, ReturnProgress>(AdvanceReturn.Name)
        .AddStep<RequestPayment, PaymentRequest, StoreBackendNotice?>(RequestPayment.Name);

    private static DurableTaskRegistry AddStep<TStep, TInput, TOutput>(this DurableTaskRegistry registry, string name)
        where TStep : IWorkflowStep<TInput, TOutput> =>
        registry.AddActivity(name, services => new StepActivity<TInput, TOutput>(services.GetRequiredService<TStep>()));

    private sealed class StepActivity<TInput, TOutput>(IWorkflowStep<TInput, TOutput> step) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => step.RunAsync(input);
    }
}
