using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;

namespace Amends.Server;

/// <summary>
/// Runs the registered orchestrators and activities (the same code the Functions app runs) on
/// DurableTask.Core's <see cref="TaskHubWorker"/> over the Azure Storage provider. Each is turned into
/// a DurableTask.Core orchestration or activity by the SDK's <see cref="DurableTaskShimFactory"/>, the
/// bridge the SDK publishes for .NET runtimes other than its gRPC worker.
/// </summary>
internal sealed partial class WorkflowWorker : DurableTaskWorker
{
    // How long a stop waits for the engine: under Ctrl-C of scripts/run.sh its stop ran past the host's
    // shutdown timeout, the provider logging partition-table calls that exceeded their 2 s timeout.
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(2);

    private readonly TaskHubWorker hub;
    private readonly ILogger logger;

    public WorkflowWorker(
        string name,
        IDurableTaskFactory factory,
        AzureStorageOrchestrationService service,
        IOptionsMonitor<DurableTaskWorkerOptions> options,
        IServiceProvider services,
        ILoggerFactory loggers)
        : base(name, factory)
    {
        logger = loggers.CreateLogger<WorkflowWorker>();
        var shims = new DurableTaskShimFactory(options.Get(name), loggers);
        hub = new TaskHubWorker(new PromptRetries(service), new Orchestrations(factory, shims, services), new Activities(factory, shims, services), loggers)
        {
            // Failures reach the orchestrator as TaskFailedException with their details (what the shim reads),
            // not as serialized exceptions.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await hub.StartAsync().WaitAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Forced, and not waited for past StopWait: a step cut short runs again after the restart, as after a
        // crash (every step is idempotent, and the crash tests kill the server mid-step).
        try
        {
            await hub.StopAsync(isForced: true).WaitAsync(StopWait, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            StoppedWithoutEngine(logger, StopWait);
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        hub.Dispose();
        base.Dispose();
    }

    /// <summary>The hub runs inside <see cref="StartAsync"/> and <see cref="StopAsync"/>; nothing to do between.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    /// <summary>
    /// A new shim per execution, as DurableTask.Core expects (the shim holds that execution's context).
    /// Orchestrators take no services (they are deterministic), so the root provider serves them.
    /// </summary>
    private sealed class Orchestrations(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceProvider services)
        : INameVersionObjectManager<TaskOrchestration>
    {
        public void Add(ObjectCreator<TaskOrchestration> creator) =>
            throw new NotSupportedException("Orchestrations are registered through the DurableTaskRegistry.");

        public TaskOrchestration? GetObject(string name, string? version) =>
            factory.TryCreateOrchestrator(name, services, out var orchestrator) ? shims.CreateOrchestration(name, orchestrator) : null;
    }

    /// <summary>Each activity run gets its own service scope, as the SDK's own worker gives it.</summary>
    private sealed class Activities(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceProvider services)
        : INameVersionObjectManager<TaskActivity>
    {
        public void Add(ObjectCreator<TaskActivity> creator) =>
            throw new NotSupportedException("Activities are registered through the DurableTaskRegistry.");

        public TaskActivity GetObject(string name, string? version) => new ScopedActivity(name, factory, shims, services);
    }

    private sealed class ScopedActivity(string name, IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceProvider services) : TaskActivity
    {
        public override async Task<string?> RunAsync(TaskContext context, string input)
        {
            await using var scope = services.CreateAsyncScope();
            if (!factory.TryCreateActivity(name, scope.ServiceProvider, out var activity))
            {
                throw new InvalidOperationException($"No activity named {name} is registered.");
            }

            return await shims.CreateActivity(name, activity).RunAsync(context, input);
        }

        public override string Run(TaskContext context, string input) =>
            throw new NotSupportedException("Activities run asynchronously (RunAsync).");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The durable engine did not stop within {Wait}; its work in flight resumes after the restart.")]
    private static partial void StoppedWithoutEngine(ILogger logger, TimeSpan wait);
}
