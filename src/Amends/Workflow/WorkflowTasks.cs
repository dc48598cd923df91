using Amends.Acknowledge;
using Amends.Close;
using Amends.Compensate;
using Amends.Payments;
using Amends.Returns;
using Amends.Silence;
using Amends.StoreBackend;
using Amends.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Workflow;

/// <summary>
/// Every orchestration and activity of Amends, declared once here. The server registers them from
/// this list (<see cref="AddIncidentWorkflow"/>); both hosts resolve each activity's step by its name
/// (<see cref="AddWorkflowSteps"/>); the Functions app's triggers name the same activities, and the
/// parity test compares them with this list. An activity's name is what the orchestration history
/// stores: it never changes once instances may be running, whatever its class is called.
/// </summary>
public static class WorkflowTasks
{
    /// <summary>The orchestration names.</summary>
    public static IReadOnlyList<string> Orchestrations { get; } = [IncidentWorkflow.Name, TellStoreBackend.Name];

    /// <summary>Every activity: its name in the history, and the step that runs it.</summary>
    public static IReadOnlyList<WorkflowActivity> Steps { get; } =
    [
        WorkflowActivity.Of<AcknowledgeCustomer, string, bool>(AcknowledgeCustomer.Name),
        WorkflowActivity.Of<KeepCustomerInformed, string, CustomerContact>(KeepCustomerInformed.Name),
        WorkflowActivity.Of<CompensateCustomer, string, Compensation>(CompensateCustomer.Name),
        WorkflowActivity.Of<Apologize, Apology, bool>(Apologize.Name),
        WorkflowActivity.Of<CloseIncident, string, bool>(CloseIncident.Name),
        WorkflowActivity.Of<FlagStalledStep, StalledStep, bool>(FlagStalledStep.Name),
        WorkflowActivity.Of<PostToStoreBackend, StoreBackendEvent, StoreBackendAnswer>(PostToStoreBackend.Name),
        WorkflowActivity.Of<NoteStoreBackendOutcome, StoreBackendOutcomeNote, bool>(NoteStoreBackendOutcome.Name),
        WorkflowActivity.Of<AdvanceReturn, string, ReturnProgress>(AdvanceReturn.Name),
        WorkflowActivity.Of<RequestPayment, PaymentRequest, StoreBackendNotice?>(RequestPayment.Name),
    ];

    /// <summary>The activity names.</summary>
    public static IReadOnlyList<string> Activities { get; } = [.. Steps.Select(step => step.Name)];

    /// <summary>Adds the incident workflow, the store back-end notice and their activities to <paramref name="registry"/>.</summary>
    public static DurableTaskRegistry AddIncidentWorkflow(this DurableTaskRegistry registry)
    {
        registry
            .AddOrchestratorFunc<WorkflowState, string>(IncidentWorkflow.Name, IncidentWorkflow.RunAsync)
            .AddOrchestratorFunc<StoreBackendNotice, StoreBackendDelivery>(TellStoreBackend.Name, TellStoreBackend.RunAsync);
        foreach (var step in Steps)
        {
            step.AddTo(registry);
        }

        return registry;
    }

    /// <summary>Registers each step, and the same step as its <see cref="IWorkflowStep{TInput, TOutput}"/> keyed by its activity name.</summary>
    public static IServiceCollection AddWorkflowSteps(this IServiceCollection services)
    {
        foreach (var step in Steps)
        {
            step.Register(services);
        }

        return services;
    }
}

/// <summary>One activity of the workflows: the name its history stores, and how a host registers and runs its step.</summary>
public sealed class WorkflowActivity
{
    private readonly Action<DurableTaskRegistry> addTo;
    private readonly Action<IServiceCollection> register;

    private WorkflowActivity(string name, Action<DurableTaskRegistry> addTo, Action<IServiceCollection> register)
    {
        Name = name;
        this.addTo = addTo;
        this.register = register;
    }

    /// <summary>The activity's name, as orchestration histories store it.</summary>
    public string Name { get; }

    /// <summary>The activity <paramref name="name"/>, run by the step <typeparamref name="TStep"/>.</summary>
    public static WorkflowActivity Of<TStep, TInput, TOutput>(string name)
        where TStep : class, IWorkflowStep<TInput, TOutput> =>
        new(
            name,
            registry => registry.AddActivity(name, services => new StepActivity<TInput, TOutput>(services.GetRequiredKeyedService<IWorkflowStep<TInput, TOutput>>(name))),
            services => services
                .AddSingleton<TStep>()
                .AddKeyedSingleton<IWorkflowStep<TInput, TOutput>>(name, (provider, _) => new TracedStep<TInput, TOutput>(name, provider.GetRequiredService<TStep>())));

    /// <summary>Adds the activity to a Durable Task worker's registry (the standalone server).</summary>
    public void AddTo(DurableTaskRegistry registry) => addTo(registry);

    /// <summary>Registers the step, by its type and, inside its span and measures, as the activity's keyed step.</summary>
    public void Register(IServiceCollection services) => register(services);

    private sealed class StepActivity<TInput, TOutput>(IWorkflowStep<TInput, TOutput> step) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => step.RunAsync(input);
    }
}
