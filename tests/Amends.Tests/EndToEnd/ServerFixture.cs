using Amends.Testing;
using Amends.Tests.Fixtures;

namespace Amends.Tests.EndToEnd;

/// <summary>
/// The standalone server as a real process over the assembly's Azurite, with its own tables and task
/// hub, shared by the tests of one class.
/// </summary>
public sealed class ServerFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Amends__Silence__Limit"] = "01:00:00",
        });

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
