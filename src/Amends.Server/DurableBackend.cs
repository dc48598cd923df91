using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;

namespace Amends.Server;

/// <summary>
/// The durable back end of the standalone server: the Durable Task Azure Storage provider (the one
/// Durable Functions uses) on the configured storage account, served in-process over gRPC on a
/// loopback port to the SDK's worker and client. The gRPC sidecar comes from a preview package used
/// outside its documented purpose, so it stays behind this one class.
/// </summary>
internal static class DurableBackend
{
    public static WebApplicationBuilder AddDurableBackend(this WebApplicationBuilder builder, Action<DurableTaskRegistry> tasks)
    {
        var options = builder.Configuration.GetSection(DurableOptions.Section).Get<DurableOptions>() ?? new DurableOptions();
        var connectionString = builder.Configuration["Amends:Storage:ConnectionString"]
            ?? throw new InvalidOperationException("The standalone server needs Amends:Storage:ConnectionString.");
        var port = options.GrpcPort is > 0 ? options.GrpcPort : FreeLoopbackPort();

        builder.Services.AddSingleton(services => new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, Retrying(new BlobClientOptions(), options)),
                StorageServiceClientProvider.ForQueue(connectionString, Retrying(new QueueClientOptions(), options)),
                StorageServiceClientProvider.ForTable(connectionString, Retrying(new TableClientOptions(), options))),
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,

            // One server owns the task hub: no app lease to wait out after a crash, and work a crashed
            // process held becomes visible (and partitions free) within seconds, not minutes.
            UseAppLease = false,
            WorkItemQueueVisibilityTimeout = options.VisibilityTimeout,
            ControlQueueVisibilityTimeout = options.VisibilityTimeout,
            LeaseInterval = options.LeaseInterval,
            LeaseRenewInterval = options.LeaseInterval / 3,
            LeaseAcquireInterval = options.LeaseInterval / 3,

            // The provider logs nothing without a factory; its failures belong in the server's log
            // (categories DurableTask.AzureStorage and DurableTask.Core, Warning by default in appsettings.json).
            LoggerFactory = services.GetRequiredService<ILoggerFactory>(),
        }));
        builder.Services.AddSingleton<IOrchestrationService>(services => services.GetRequiredService<AzureStorageOrchestrationService>());
        builder.Services.AddSingleton<IOrchestrationServiceClient>(services => services.GetRequiredService<AzureStorageOrchestrationService>());
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));

        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        builder.Services.AddDurableTaskWorker(worker => worker.AddTasks(tasks).UseGrpc(channel));
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(channel));
        builder.Services.AddHostedService<TaskHubCreation>();
        builder.Services.AddSingleton(new SidecarPort(port));
        return builder;
    }

    public static WebApplication MapDurableBackend(this WebApplication app)
    {
        // Only the worker and client of this process, on the loopback sidecar port, reach the task hub.
        var port = app.Services.GetRequiredService<SidecarPort>().Port;
        app.MapGrpcService<TaskHubGrpcServer>().RequireHost($"127.0.0.1:{port}");
        return app;
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

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Creates the task hub's queues and tables before the worker starts polling them.</summary>
    private sealed class TaskHubCreation(AzureStorageOrchestrationService service) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => service.CreateIfNotExistsAsync();

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

internal sealed record SidecarPort(int Port);

/// <summary>Settings of the standalone server's durable back end. Bound from <c>Amends:Durable</c>.</summary>
internal sealed class DurableOptions
{
    public const string Section = "Amends:Durable";

    /// <summary>The task hub: its queues and tables are named after it.</summary>
    public string TaskHubName { get; set; } = "amends";

    /// <summary>Loopback port of the in-process gRPC sidecar; 0 picks a free one.</summary>
    public int GrpcPort { get; set; }

    /// <summary>Control-queue partitions.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Longest pause between queue polls when idle: the worst extra latency of a new incident.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a message a crashed process was working on stays invisible before another run picks it up.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a partition lease of a crashed process lasts.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait between the storage SDK's retries of one engine request: the worst extra latency after storage comes back.</summary>
    public TimeSpan StorageRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(1);
}
