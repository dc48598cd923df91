using System.Security.Cryptography;
using Amends.Testing;
using Amends.Tests.Fixtures;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]

namespace Amends.Tests.Fixtures;

/// <summary>
/// One Azurite (tables, blobs, queues; in memory) for the whole test assembly. Test classes take it
/// in their constructor and isolate themselves with their own table prefix (<see cref="NewTablePrefix"/>),
/// so they can run in parallel against the one emulator.
/// </summary>
/// <remarks>
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> stop and restart storage on the same ports, for
/// tests of what happens while storage is away. In memory, a restart loses every table, row and blob:
/// recreate tables (<c>EnsureStorageAsync</c>) afterwards. A test that stops storage affects every test
/// running at that moment, so it belongs in a collection with <c>DisableParallelization = true</c>.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private AzuriteProcess azurite = null!;

    /// <summary>The full connection string of the emulator's <c>devstoreaccount1</c>.</summary>
    public string ConnectionString => azurite.ConnectionString;

    /// <summary>The blob service's port.</summary>
    public int BlobPort => azurite.BlobPort;

    /// <summary>The queue service's port.</summary>
    public int QueuePort => azurite.QueuePort;

    /// <summary>The table service's port.</summary>
    public int TablePort => azurite.TablePort;

    /// <summary>A table prefix no other test uses: <c>t</c> and eight random letters or digits.</summary>
    public static string NewTablePrefix() =>
        "t" + string.Concat(Enumerable.Range(0, 8).Select(_ => PrefixAlphabet[RandomNumberGenerator.GetInt32(PrefixAlphabet.Length)]));

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => azurite = await AzuriteProcess.StartAsync();

    /// <summary>Stops storage (kills Azurite). Everything stored is lost with it.</summary>
    public Task StopAsync() => azurite.StopAsync();

    /// <summary>Starts storage again on the same ports, empty; does nothing when it is running.</summary>
    public Task StartAsync() => azurite.StartAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await azurite.DisposeAsync();
}
