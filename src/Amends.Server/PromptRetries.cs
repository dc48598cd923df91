using DurableTask.Core;

namespace Amends.Server;

/// <summary>
/// The Azure Storage provider as DurableTask.Core's dispatchers see it, but asking them to wait 1 s, not
/// the provider's 10 s, after a failed fetch or a work item that failed to complete (storage away). A step
/// that finished while storage was down is otherwise retried up to 10 s after storage is back. Everything
/// else goes straight to the provider.
/// </summary>
internal sealed class PromptRetries(IOrchestrationService provider) : IOrchestrationService
{
    private const int DelaySeconds = 1;

    public int TaskOrchestrationDispatcherCount => provider.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => provider.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => provider.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => provider.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => provider.MaxConcurrentTaskActivityWorkItems;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) =>
        Math.Min(DelaySeconds, provider.GetDelayInSecondsAfterOnProcessException(exception));

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) =>
        Math.Min(DelaySeconds, provider.GetDelayInSecondsAfterOnFetchException(exception));

    public Task StartAsync() => provider.StartAsync();

    public Task StopAsync() => provider.StopAsync();

    public Task StopAsync(bool isForced) => provider.StopAsync(isForced);

    public Task CreateAsync() => provider.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => provider.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => provider.CreateIfNotExistsAsync();

    public Task DeleteAsync() => provider.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => provider.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        provider.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        provider.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        provider.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        provider.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => provider.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => provider.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        provider.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        provider.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        provider.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => provider.AbandonTaskActivityWorkItemAsync(workItem);
}
