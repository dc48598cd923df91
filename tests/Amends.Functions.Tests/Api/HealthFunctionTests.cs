using System.Text.Json.Nodes;
using Amends.Functions.Api;
using Amends.Testing;
using Grpc.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>
/// The Functions app's health trigger over real storage (an Azurite process of its own): 200 while
/// storage answers, 503 problem+json with Retry-After once it is stopped, and 503 as well when the
/// durable client fails the way the isolated worker's client does when the host's extension cannot
/// reach its task hub (an <see cref="RpcException"/> with status Unknown).
/// </summary>
public sealed class HealthFunctionTests : IAsyncLifetime
{
    private AzuriteProcess azurite = null!;
    private ServiceProvider services = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        var settings = TestSettings.Values();
        settings["Amends:Storage:ConnectionString"] = azurite.ConnectionString;
        services = new ServiceCollection().AddLogging()
            .AddAmendsFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        await services.EnsureStorageAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Health_is_200_with_storage_and_503_with_retry_after_once_storage_is_stopped()
    {
        var engine = new Mock<DurableTaskClient>("functions").Object;

        var (up, _, _) = await HealthAsync(engine);
        await azurite.StopAsync();
        var (down, retryAfter, body) = await HealthAsync(engine);

        Assert.Equal(200, up);
        Assert.Equal(503, down);
        Assert.Equal("30", retryAfter);
        Assert.Equal(503, JsonNode.Parse(body)!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Health_is_503_when_the_hosts_durable_extension_fails()
    {
        var engine = new Mock<DurableTaskClient>("functions");
        engine.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RpcException(new Status(StatusCode.Unknown, "Exception was thrown by handler.")));

        var (status, retryAfter, _) = await HealthAsync(engine.Object);

        Assert.Equal(503, status);
        Assert.Equal("30", retryAfter);
    }

    private async Task<(int Status, string RetryAfter, string Body)> HealthAsync(DurableTaskClient engine)
    {
        var http = TestHttp.Context(path: "/api/v1/health");
        http.RequestServices = services;
        var result = ActivatorUtilities.CreateInstance<ServiceFunctions>(services).Health(http.Request, engine);
        var (status, body) = await TestHttp.RunAsync(result, http);
        return (status, http.Response.Headers.RetryAfter.ToString(), body);
    }
}
