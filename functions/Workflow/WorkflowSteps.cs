using Amends.Compensate;
using Amends.Payments;
using Amends.Returns;
using Amends.Silence;
using Amends.StoreBackend;
using Amends.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Functions.Workflow;

/// <summary>Registers each workflow step (already added by AddAmends) as its step interface, keyed by activity name.</summary>
public static class WorkflowSteps
{
    public static IServiceCollection AddWorkflowSteps(this IServiceCollection services) => services
        .AddStep<Acknowledge.Acknowledge, string, bool>(Acknowledge.Acknowledge.Name)
        .AddStep<KeepCustomerInformed, string, CustomerContact>(KeepCustomerInformed.Name)
        .AddStep<Compensate.Compensate, string, Compensation>(Compensate.Compensate.Name)
        .AddStep<Apologize, Apology, bool>(Apologize.Name)
        .AddStep<Close.Close, string, bool>(Close.Close.Name)
        .AddStep<FlagStalledStep, StalledStep, bool>(FlagStalledStep.Name)
        .AddStep<PostToStoreBackend, StoreBackendEvent, StoreBackendAnswer>(PostToStoreBackend.Name)
        .AddStep<NoteStoreBackendOutcome, StoreBackendOutcomeNote, bool>(NoteStoreBackendOutcome.Name)
        .AddStep<AdvanceReturn, string, ReturnProgress>(AdvanceReturn.Name)
        .AddStep<RequestPayment, PaymentRequest, StoreBackendNotice?>(RequestPayment.Name);

    private static IServiceCollection AddStep<TStep, TInput, TOutput>(this IServiceCollection services, string activity)
        where TStep : class, IWorkflowStep<TInput, TOutput> =>
        services.AddKeyedSingleton<IWorkflowStep<TInput, TOutput>>(activity, (provider, _) => provider.GetRequiredService<TStep>());
}
