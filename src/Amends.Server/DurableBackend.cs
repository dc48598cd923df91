using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace Amends.Server;

/// <summary>
/// The durable back end of the standalone server: the Durable Task Azure Storage provider (the one
/// Durable Functions uses) on the configured storage account, run in-process by DurableTask.Core's
/// <see cref="TaskHubWorker"/> (<see cref="WorkflowWorker"/>, the workflow's tasks through the SDK's shims)
/// and reached by the handlers through a <see cref="DurableTaskClient"/> over DurableTask.Core's
/// <see cref="TaskHubClient"/> (<see cref="WorkflowClient"/>). No gRPC hop between them.
/// </summary>
internal static class DurableBackend
{
    public static IServiceCollection AddDurableBackend(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> tasks)
    {
        var options = configuration.GetSection(DurableOptions.Section).Get<DurableOptions>() ?? new DurableOptions();
        var connectionString = configuration["Amends:Storage:ConnectionString"]
            ?? throw new InvalidOperationException("The standalone server needs Amends:Storage:ConnectionString.");

        services.AddSingleton(new StartsInFlight(options.TaskHubName));
        services.AddSingleton(provider => new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, Retrying(new BlobClientOptions(), options)),
                StorageServiceClientProvider.ForQueue(connectionString, Retrying(new QueueClientOptions(), options)),
                StorageServiceClientProvider.ForTable(connectionString, StartsFirst(Retrying(new TableClientOptions(), options), provider.GetRequiredService<StartsInFlight>()))),
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueBufferThreshold = options.ControlQueueBufferThreshold,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,

            // One server owns the task hub: no app lease to wait out after a crash, and work a crashed
            // process held becomes visible (and partitions free) within seconds, not minutes.
            UseAppLease = options.UseAppLease,
            WorkItemQueueVisibilityTimeout = options.VisibilityTimeout,
            ControlQueueVisibilityTimeout = options.VisibilityTimeout,
            WorkerId = options.WorkerId,
            LeaseInterval = options.LeaseInterval,
            LeaseRenewInterval = options.LeaseInterval / 3,
            LeaseAcquireInterval = options.LeaseInterval / 3,

            // The provider logs nothing without a factory; its failures belong in the server's log
            // (categories DurableTask.AzureStorage and DurableTask.Core, Warning by default in appsettings.json).
            LoggerFactory = provider.GetRequiredService<ILoggerFactory>(),
        }));

        // Registered before the worker: hosted services start in order, and the worker polls the hub's queues.
        services.AddHostedService<TaskHubCreation>();
        services.AddDurableTaskWorker(worker => worker.AddTasks(tasks).UseBuildTarget<WorkflowWorker>());
        return services.AddSingleton<DurableTaskClient, WorkflowClient>();
    }

    /// <summary>
    /// The storage SDK retries a failed queue request 5 times, exponentially from 0.8 s (the last wait 12.8 s).
    /// The engine polls its queues through those retries, so a poll begun during an outage slept up to 15 s
    /// after storage was back before it asked again; capped, it asks again within about a second.
    /// </summary>
    private static T Retrying<T>(T clientOptions, DurableOptions durable)
        where T : ClientOptions
    {
        clientOptions.Retry.MaxDelay = durable.StorageRetryMaxDelay;
        return clientOptions;
    }

    /// <summary>The engine's reads of a new instance's row wait for this process's start of it (<see cref="StartsInFlight"/>).</summary>
    private static TableClientOptions StartsFirst(TableClientOptions clientOptions, StartsInFlight starts)
    {
        clientOptions.AddPolicy(starts, HttpPipelinePosition.PerCall);
        return clientOptions;
    }

    /// <summary>Creates the task hub's queues and tables before the worker starts polling them.</summary>
    private sealed class TaskHubCreation(AzureStorageOrchestrationService service) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => service.CreateIfNotExistsAsync();

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Settings of the standalone server's durable back end. Bound from <c>Amends:Durable</c>.</summary>
internal sealed class DurableOptions
{
    public const string Section = "Amends:Durable";

    /// <summary>The task hub: its queues and tables are named after it.</summary>
    public string TaskHubName { get; set; } = "amends";

    /// <summary>Control-queue partitions.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Longest pause between queue polls when idle: the worst extra latency of a new incident.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a message a crashed process was working on stays invisible before another run picks it up. A running
    /// episode or activity renews its message every 5 s (DurableTask.Core), so 10 s leaves 5 s of slack; it bounds how
    /// long a customer whose update the dead process held waits after a restart (docs/performance.md).
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The worker's name on its partition leases (the provider's default, the machine's name). A process restarted
    /// under the same name renews the leases its dead predecessor held at once instead of waiting them out; set it
    /// where the host's name changes between runs (a new container).
    /// </summary>
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>How long a partition lease of a crashed process lasts.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait between the storage SDK's retries of one engine request: the worst extra latency after storage comes back.</summary>
    public TimeSpan StorageRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether the process must hold the task hub's app lease before it works (Durable Functions' default, for
    /// side-by-side deployments). Off: one server owns the hub, and a restart after a crash waits out no lease.
    /// </summary>
    public bool UseAppLease { get; set; }

    /// <summary>Activities run at once (the provider's default, 10; Durable Functions: 10 per core).</summary>
    public int MaxConcurrentActivities { get; set; } = 10;

    /// <summary>Orchestration episodes run at once (the provider's default, 100; Durable Functions: 10 per core).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Control-queue messages buffered in memory before the engine stops fetching (the provider's default, 64).</summary>
    public int ControlQueueBufferThreshold { get; set; } = 64;
}
