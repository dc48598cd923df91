using Amends.StoreBackend;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Amends.Functions.Workflow;

/// <summary>Telling the store's back end as a function-based orchestrator: the library's orchestrator, unchanged.</summary>
public static class TellStoreBackendFunction
{
    [Function(TellStoreBackend.Name)]
    public static Task<StoreBackendDelivery> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        TellStoreBackend.RunAsync(
            context,
            context.GetInput<StoreBackendNotice>() ?? throw new InvalidOperationException($"{TellStoreBackend.Name} starts with a {nameof(StoreBackendNotice)}."));
}
