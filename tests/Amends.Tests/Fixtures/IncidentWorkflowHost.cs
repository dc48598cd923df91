using Amends.Incidents;
using Amends.Intake;
using Amends.Resolve;
using Amends.Server;
using Amends.Storage;
using Amends.Testing;
using Amends.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Amends.Tests.Fixtures;

/// <summary>
/// The real incident workflow on a real Durable Task engine (<see cref="WorkflowEngine"/>), its activities
/// on the real store (Azurite, tables of its own) and the real local outbox (a folder of its own). Each
/// host has its own port or task hub, so hosts can run in parallel.
/// </summary>
public sealed class IncidentWorkflowHost : IAsyncDisposable
{
    private const int StartAttempts = 5;

    private readonly IAsyncDisposable host;

    private IncidentWorkflowHost(IAsyncDisposable host, IServiceProvider services, DurableTaskClient client, AmendsTestServices amends)
    {
        this.host = host;
        Services = services;
        Client = client;
        Amends = amends;
    }

    /// <summary>The product library's configuration, tables and outbox behind this host.</summary>
    public AmendsTestServices Amends { get; }

    /// <summary>The durable client, as the HTTP API uses it.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The worker's services: everything <c>AddAmends</c> registered.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The incident store the activities use.</summary>
    public IncidentStore Store => Services.GetRequiredService<IncidentStore>();

    /// <summary>Staff actions, as the console calls them.</summary>
    public StaffActions Staff => Services.GetRequiredService<StaffActions>();

    /// <summary>
    /// Starts a host whose workflow uses <paramref name="silenceLimit"/>; <paramref name="configure"/> may
    /// replace services afterwards (e.g. an email sender that fails on purpose).
    /// </summary>
    public static async Task<IncidentWorkflowHost> StartAsync(
        AzuriteFixture azurite,
        TimeSpan silenceLimit,
        int? turnsPerGeneration = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null,
        WorkflowEngine engine = WorkflowEngine.TestHost)
    {
        var amends = new AmendsTestServices(azurite, silenceLimit, turnsPerGeneration, settings);
        return engine == WorkflowEngine.TaskHub ? await OnTaskHubAsync(amends, configure) : await OnTestHostAsync(amends, configure);
    }

    private static async Task<IncidentWorkflowHost> OnTestHostAsync(AmendsTestServices amends, Action<IServiceCollection>? configure)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        DurableTaskTestHost? host = null;
        try
        {
            for (var attempt = 1; host is null; attempt++)
            {
                try
                {
                    // The test host picks a random port in 30000-40000 without retry; parallel hosts need their own.
                    host = await DurableTaskTestHost.StartAsync(
                        registry => registry.AddIncidentWorkflow(),
                        new DurableTaskTestHostOptions
                        {
                            Port = FreePorts.Next(),
                            ConfigureServices = services =>
                            {
                                amends.AddTo(services);
                                configure?.Invoke(services);
                            },
                        },
                        cancellationToken);
                }
                catch (IOException) when (attempt < StartAttempts)
                {
                    // Kestrel could not bind: another process took the port after we picked it.
                }
            }

            await host.Services.EnsureStorageAsync(cancellationToken);
            return new IncidentWorkflowHost(host, host.Services, host.Client, amends);
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            amends.Dispose();
            throw;
        }
    }

    /// <summary>The standalone server's engine: DurableTask.Core's worker over the Azure Storage provider, on a task hub of its own.</summary>
    private static async Task<IncidentWorkflowHost> OnTaskHubAsync(AmendsTestServices amends, Action<IServiceCollection>? configure)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddConfiguration(amends.Configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{DurableOptions.Section}:TaskHubName"] = "t" + Guid.NewGuid().ToString("N")[..12],
            [$"{DurableOptions.Section}:MaxQueuePollingInterval"] = "00:00:00.200",
        });
        amends.AddTo(builder.Services);
        configure?.Invoke(builder.Services);
        builder.Services.AddDurableBackend(builder.Configuration, registry => registry.AddIncidentWorkflow());
        var host = builder.Build();
        try
        {
            await host.Services.EnsureStorageAsync(cancellationToken);
            await host.StartAsync(cancellationToken);
            return new IncidentWorkflowHost(new StoppingHost(host), host.Services, host.Services.GetRequiredService<DurableTaskClient>(), amends);
        }
        catch
        {
            host.Dispose();
            amends.Dispose();
            throw;
        }
    }

    /// <summary>Opens an incident through intake, which persists it and starts its workflow.</summary>
    public async Task<Incident> OpenAsync(string language = "en", IncidentCategory? category = null)
    {
        var result = await Services.GetRequiredService<IncidentIntake>().OpenAsync(
            new NewIncident(
                "giulia.rossi@example.it",
                "Giulia Rossi",
                language,
                "#1001",
                "Il manico del bollitore è arrivato rotto.",
                category,
                "KETTLE-01"),
            idempotencyKey: null,
            fingerprint: "fp",
            Client,
            TestContext.Current.CancellationToken);
        return result.Incident ?? throw new InvalidOperationException("Intake refused the incident.");
    }

    /// <summary>The incident as stored now.</summary>
    public async Task<Incident> IncidentAsync(string id) =>
        (await Store.FindAsync(id, TestContext.Current.CancellationToken))?.Value
        ?? throw new InvalidOperationException($"No incident {id}.");

    /// <summary>The incident's timeline now, oldest first.</summary>
    public Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string id) =>
        Store.TimelineAsync(id, TestContext.Current.CancellationToken);

    /// <summary>Every email sent about <paramref name="incidentId"/>, oldest first.</summary>
    public IReadOnlyList<SentEmail> Emails(string incidentId) =>
        [.. Amends.Outbox().Where(e => e.IncidentId == incidentId)];

    /// <summary>Waits for the email of <paramref name="step"/> (e.g. <c>acknowledgement</c>).</summary>
    public Task<SentEmail> EmailAsync(string incidentId, string step) =>
        EmailAsync(incidentId, e => e.Step == step, $"the {step} email");

    /// <summary>Waits for the first email matching <paramref name="which"/>.</summary>
    public Task<SentEmail> EmailAsync(string incidentId, Func<SentEmail, bool> which, string waitingFor) =>
        Poll.UntilFoundAsync(() => Emails(incidentId).FirstOrDefault(which), waitingFor);

    /// <summary>Waits until the incident's timeline has an entry matching <paramref name="which"/>.</summary>
    public Task<TimelineEntry> EntryAsync(string incidentId, Func<TimelineEntry, bool> which, string waitingFor) =>
        Poll.UntilAsync(async () => (await TimelineAsync(incidentId)).FirstOrDefault(which), waitingFor);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        Amends.Dispose();
    }

    /// <summary>A generic host stopped before it is disposed, so its worker lets go of the task hub.</summary>
    private sealed class StoppingHost(IHost host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}

/// <summary>The Durable Task engine a <see cref="IncidentWorkflowHost"/> runs the workflow on.</summary>
public enum WorkflowEngine
{
    /// <summary>The in-memory test host (Microsoft.DurableTask.InProcessTestHost): fast, real replay.</summary>
    TestHost,

    /// <summary>The standalone server's engine: DurableTask.Core's worker through the SDK's shims, the Azure Storage provider on Azurite.</summary>
    TaskHub,
}
