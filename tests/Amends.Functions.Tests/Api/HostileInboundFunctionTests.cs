using System.Text.Json;
using Amends.Api;
using Amends.Functions.Api;
using Amends.Inbound;
using Amends.Storage;
using Amends.Testing;
using Amends.Tests.Inbound;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>
/// The hostile posts of the server's suite through the Functions app's inbound trigger, over real storage
/// (an Azurite process of its own): the same 200, the incident stored, its workflow started, never an
/// exception for the host to turn into a 500.
/// </summary>
public sealed class HostileInboundFunctionTests(HostileInboundFunctionTests.FunctionsAppServices app) : IClassFixture<HostileInboundFunctionTests.FunctionsAppServices>
{
    private const string Secret = "inbound-secret-for-functions-tests";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Posts => ["200 fake photos, parsed", "3,000 parts, raw", "utf-7 charset, parsed", "nested 2,000 deep, raw", "10,000 headers, raw"];

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Hostile_post_through_the_trigger_is_200_with_the_incident_stored_and_its_workflow_started(string what)
    {
        var post = what switch
        {
            "200 fake photos, parsed" => SendGridPosts.Parsed(HostileMail.ManyPhotos(200)),
            "3,000 parts, raw" => SendGridPosts.Raw(HostileMail.ManyPhotos(3_000)),
            "utf-7 charset, parsed" => SendGridPosts.Parsed(HostileMail.ManyPhotos(1), charsetOverride: "utf-7"),
            "nested 2,000 deep, raw" => SendGridPosts.Raw(null, HostileMail.DeeplyNested(2_000)),
            "10,000 headers, raw" => SendGridPosts.Raw(null, HostileMail.ManyHeaders(10_000)),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var engine = new Mock<DurableTaskClient>("functions");
        var http = TestHttp.Context("POST", query: $"?key={Secret}", path: "/api/v1/inbound/sendgrid");
        var services = app.Services;
        http.RequestServices = services;
        http.Request.Body = new MemoryStream(post.Body);
        http.Request.ContentLength = post.Body.Length;
        http.Request.ContentType = post.ContentType;

        var result = ActivatorUtilities.CreateInstance<InboundEmailFunctions>(services).ReceiveInboundEmail(http.Request, engine.Object);
        var (status, body) = await TestHttp.RunAsync(result, http);

        Assert.True(status == 200, $"{what}: {status} {body}");
        var outcome = JsonSerializer.Deserialize<InboundOutcome>(body, ApiJson.Options)!;
        Assert.Equal(InboundOutcomeKind.NewIncident, outcome.Kind);
        Assert.NotNull(await services.GetRequiredService<IncidentStore>().FindAsync(outcome.IncidentId!, Cancel));
        engine.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.IsAny<TaskName>(), It.IsAny<object?>(), It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == outcome.IncidentId), It.IsAny<CancellationToken>()));
    }

    /// <summary>The Functions app's services over an Azurite of their own, shared by the cases.</summary>
    public sealed class FunctionsAppServices : IAsyncLifetime
    {
        private AzuriteProcess azurite = null!;

        public ServiceProvider Services { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            azurite = await AzuriteProcess.StartAsync();
            var settings = TestSettings.Values();
            settings["Amends:Storage:ConnectionString"] = azurite.ConnectionString;
            settings[InboundOptions.SecretKey] = Secret;
            Services = new ServiceCollection().AddLogging()
                .AddAmendsFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
                .BuildServiceProvider();
            await Services.EnsureStorageAsync(Cancel);
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await azurite.DisposeAsync();
        }
    }
}
