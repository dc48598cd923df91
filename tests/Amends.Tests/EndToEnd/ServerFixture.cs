using Amends.Testing;
using Amends.Tests.Fixtures;

namespace Amends.Tests.EndToEnd;

/// <summary>
/// The standalone server as a real process over the assembly's Azurite, with its own tables and task
/// hub, shared by the tests of one class.
/// </summary>
public sealed class ServerFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>The secret SendGrid's posts carry as <c>?key=</c>.</summary>
    public const string InboundSecret = "inbound-secret-for-the-server-tests";

    public ServerProcess Server { get; private set; } = null!;

    /// <summary>The prefix of the server's tables, for a command run over the same storage.</summary>
    public string TablePrefix { get; } = AzuriteFixture.NewTablePrefix();

    public async ValueTask InitializeAsync() =>
        Server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = TablePrefix,
            ["Amends__Silence__Limit"] = "01:00:00",
            ["Amends__InboundSecret"] = InboundSecret,
        });

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
