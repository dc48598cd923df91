using System.Runtime.ExceptionServices;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using CoreDataConverter = DurableTask.Core.Serializing.DataConverter;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Amends.Server;

/// <summary>
/// The handlers' <see cref="DurableTaskClient"/> on the standalone server: DurableTask.Core's
/// <see cref="TaskHubClient"/> (and the provider's purge and query clients) over the Azure Storage
/// provider the <see cref="WorkflowWorker"/> runs on. Inputs, events and statuses are written with the
/// SDK's data converter, so the shims read them exactly as the SDK's own client would write them.
/// Only what Amends calls is implemented; the rest throws <see cref="NotSupportedException"/>.
/// </summary>
internal sealed class WorkflowClient : DurableTaskClient
{
    private readonly AzureStorageOrchestrationService service;
    private readonly TaskHubClient hub;
    private readonly StartsInFlight starts;
    private static readonly TimeSpan CompletionPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly DataConverter converter = JsonDataConverter.Default;

    public WorkflowClient(AzureStorageOrchestrationService service, StartsInFlight starts, ILoggerFactory loggers)
        : base("amends")
    {
        this.service = service;
        this.starts = starts;
        hub = new TaskHubClient(service, new SdkConverter(converter), loggers);
    }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        if (options?.StartAt is not null)
        {
            throw Unsupported("a delayed start (StartAt)");
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        return CallAsync(() => starts.StartAsync(instanceId, async () =>
        {
            await hub.CreateOrchestrationInstanceAsync(orchestratorName.Name, string.Empty, instanceId, input);
            return instanceId;
        }), cancellation);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        CallAsync(async () =>
        {
            await hub.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, eventPayload!);
            return true;
        }, cancellation);

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        CallAsync(async () => await hub.GetOrchestrationStateAsync(instanceId) is { } state ? Metadata(state, getInputsAndOutputs) : null, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create((continuation, pageSize, cancellation) => CallAsync(async () =>
        {
            var query = new CoreQuery
            {
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                RuntimeStatus = filter?.Statuses?.Select(s => (OrchestrationStatus)s).ToList(),
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await ((IOrchestrationServiceQueryClient)service).GetOrchestrationWithQueryAsync(query, cancellation);
            return new Page<OrchestrationMetadata>(
                [.. result.OrchestrationState.Select(s => Metadata(s, query.FetchInputsAndOutputs))], result.ContinuationToken);
        }, cancellation));

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (options?.Recursive is true)
        {
            throw Unsupported("terminating sub-orchestrations (Recursive)");
        }

        return CallAsync(async () =>
        {
            await hub.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, converter.Serialize(options?.Output)!);
            return true;
        }, cancellation);
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (options?.Recursive is true)
        {
            throw Unsupported("purging sub-orchestrations (Recursive)");
        }

        return CallAsync(async () =>
            new PurgeResult((await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId)).DeletedInstanceCount), cancellation);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw Unsupported("suspending an instance");

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw Unsupported("resuming a suspended instance");

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw Unsupported("waiting for an instance to start");

    /// <summary>Polls the instance's status (the provider has no completion notice); tests and tools wait this way.</summary>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { IsCompleted: true } ended)
            {
                return ended;
            }

            await Task.Delay(CompletionPollInterval, cancellation);
        }
    }

    /// <summary>The provider is a service of its own, disposed with the host.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static NotSupportedException Unsupported(string what) =>
        new($"The standalone server's workflow client does not support {what}: Amends does not use it. Implement it in {nameof(WorkflowClient)} first.");

    /// <summary>
    /// DurableTask.Core takes no cancellation token: the caller stops waiting, the call itself finishes. A storage
    /// failure comes out as the storage SDK's own exception, which the API answers with 503 like any other.
    /// </summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellation)
    {
        try
        {
            return await call().WaitAsync(cancellation);
        }
        catch (Exception e) when (e is not Azure.RequestFailedException && e.InnerException is Azure.RequestFailedException inner)
        {
            // The provider wraps the storage SDK's exception in one of its own (internal) type.
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }

    private OrchestrationMetadata Metadata(OrchestrationState state, bool withInputsAndOutputs) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            // DurableTask.Core's statuses and the SDK's have the same values, as the SDK's own gRPC mapping assumes.
            RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = withInputsAndOutputs ? state.Input : null,
            SerializedOutput = withInputsAndOutputs ? state.Output : null,
            // A cleared status (SetCustomStatus(null)) is stored as the JSON literal; the SDK's clients answer null.
            SerializedCustomStatus = state.Status is "null" ? null : state.Status,
            DataConverter = converter,
        };

    /// <summary>DurableTask.Core's converter seam, writing and reading with the SDK's converter.</summary>
    private sealed class SdkConverter(DataConverter sdk) : CoreDataConverter
    {
        public override string? Serialize(object value) => sdk.Serialize(value);

        public override string? Serialize(object value, bool formatted) => sdk.Serialize(value);

        public override object? Deserialize(string data, Type objectType) => sdk.Deserialize(data, objectType);
    }
}
