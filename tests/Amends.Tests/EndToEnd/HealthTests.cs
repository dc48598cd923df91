using System.Net;
using Amends.Testing;
using Amends.Tests.Fixtures;

namespace Amends.Tests.EndToEnd;

/// <summary>
/// The standalone server's health is honest: with its storage really stopped (its own Azurite process
/// killed, not a fake), health answers 503 problem+json with Retry-After, so a load balancer or a
/// deployment waits, instead of the 500 the engine's gRPC error used to give.
/// </summary>
public sealed class HealthTests : IAsyncLifetime
{
    private AzuriteProcess azurite = null!;
    private ServerProcess server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = AzuriteFixture.NewTablePrefix(),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Health_is_200_with_storage_and_503_with_retry_after_once_storage_is_stopped()
    {
        using var http = server.CreateClient();
        using var up = await http.GetAsync("/api/v1/health", Cancel);

        await azurite.StopAsync();
        using var down = await http.GetAsync("/api/v1/health", Cancel);

        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(30), down.Headers.RetryAfter?.Delta);
    }
}
