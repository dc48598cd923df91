using System.Net.Http.Json;
using Amends.Api;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Tests.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Amends.Tests.Fixtures;

/// <summary>
/// The HTTP surface in process: <c>MapAmendsApi</c> on a test server, over the product library on the
/// assembly's Azurite (tables and containers of its own) and the real workflow on the in-process
/// Durable Task host, which writes acknowledgements to a local outbox. Staff routes need an API key,
/// as on the standalone server; the inbound route must work without it.
/// </summary>
public sealed class AmendsApiHost : IAsyncDisposable
{
    public const string Secret = "inbound-secret-for-tests-0123456789";
    public const string StaffKey = "staff-key-for-tests";

    /// <summary>Limits small enough for samples: the oversized sample's big photo is over 100 KB.</summary>
    public static readonly IReadOnlyDictionary<string, string?> TestSettings = new Dictionary<string, string?>
    {
        [InboundOptions.SecretKey] = Secret,
        ["Amends:Photos:MaxFileBytes"] = "100000",
        ["Amends:Photos:MaxMessageBytes"] = "300000",
        ["Amends:Inbound:MaxRequestBytes"] = "2000000",
    };

    private readonly WebApplication app;

    private AmendsApiHost(WebApplication app, IncidentWorkflowHost workflows)
    {
        this.app = app;
        Workflows = workflows;
        var server = app.GetTestServer();
        Http = server.CreateClient();
        Staff = server.CreateClient();
        Staff.DefaultRequestHeaders.Add("X-Api-Key", StaffKey);
    }

    /// <summary>The workflow host: store, outbox, durable client.</summary>
    public IncidentWorkflowHost Workflows { get; }

    /// <summary>A client without the staff key, as SendGrid calls.</summary>
    public HttpClient Http { get; }

    /// <summary>A client with the staff key.</summary>
    public HttpClient Staff { get; }

    /// <summary>The web app's services.</summary>
    public IServiceProvider Services => app.Services;

    /// <param name="azurite">The assembly's Azurite.</param>
    /// <param name="settings">Settings over <see cref="TestSettings"/>.</param>
    /// <param name="services">Services the web app gets over the product's (e.g. a fake order lookup, telemetry).</param>
    /// <param name="engine">The durable engine the workflows run on.</param>
    public static async Task<AmendsApiHost> StartAsync(
        AzuriteFixture azurite,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        WorkflowEngine engine = WorkflowEngine.TestHost)
    {
        Dictionary<string, string?> all = new(TestSettings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var workflows = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10), settings: all, engine: engine);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        workflows.Amends.AddTo(builder.Services);
        builder.Services.AddSingleton(workflows.Client);
        services?.Invoke(builder.Services);
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapAmendsApi(staff => staff.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Headers["X-Api-Key"] == StaffKey ? await next(context) : Problems.Unauthorized("X-Api-Key")));
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new AmendsApiHost(app, workflows);
    }

    /// <summary>Posts as SendGrid does, with the secret unless told otherwise.</summary>
    public Task<HttpResponseMessage> PostAsync(InboundPost post, string? key = Secret) =>
        Http.PostAsync(key is null ? "/api/v1/inbound/sendgrid" : $"/api/v1/inbound/sendgrid?key={Uri.EscapeDataString(key)}", post.ToContent(), TestContext.Current.CancellationToken);

    /// <summary>Posts and expects 200; returns what became of the mail.</summary>
    public async Task<InboundOutcome> DeliverAsync(InboundPost post)
    {
        using var response = await PostAsync(post);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<InboundOutcome>(body, ApiJson.Options)!;
    }

    /// <summary>The incident as staff see it through the API.</summary>
    public async Task<IncidentView> IncidentAsync(string id) =>
        (await Staff.GetFromJsonAsync<IncidentView>($"/api/v1/incidents/{id}", ApiJson.Options, TestContext.Current.CancellationToken))!;

    /// <summary>Stores an incident directly, as an earlier email would have, so replies have something to join.</summary>
    public async Task<Incident> SeedAsync(string id, string email, string name, string language, string order)
    {
        var at = DateTimeOffset.UtcNow;
        var incident = IncidentBuilder.Reported(at, id, language) with { Customer = new Customer(email, name, language), OrderNumber = order };
        var reported = new TimelineEntry(Workflows.Store.NewEntryId(), TimelineEntryKind.Reported, at, "Seeded.", "customer", CustomerFacing: false, Delivered: false);
        Assert.True(await Workflows.Store.TryAddAsync(incident, reported, TestContext.Current.CancellationToken));
        return incident;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Staff.Dispose();
        await app.DisposeAsync();
        await Workflows.DisposeAsync();
    }
}
