using Amends.Incidents;
using Amends.Storage;
using Amends.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Fixtures;

/// <summary>
/// Tests that take storage away from everyone: xunit runs this collection alone, after every parallel
/// collection has finished, so no other test sees the outage.
/// </summary>
[CollectionDefinition(nameof(StorageOutage), DisableParallelization = true)]
public sealed class StorageOutage;

[Collection(nameof(StorageOutage))]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Storage_stops_and_comes_back_on_the_same_ports_but_empty()
    {
        using var amends = new AmendsTestServices(azurite);
        await using var services = await amends.BuildAsync(cancellationToken: Cancellation);
        var store = services.GetRequiredService<IncidentStore>();
        var before = IncidentBuilder.Reported(DateTimeOffset.UtcNow);
        Assert.True(await store.TryAddAsync(before, Reported(store, before), Cancellation));
        var connectionString = azurite.ConnectionString;

        await azurite.StopAsync();
        Assert.False(await FreePorts.AcceptsConnectionsAsync(azurite.TablePort, Cancellation));
        await azurite.StartAsync();

        Assert.Equal(connectionString, azurite.ConnectionString);
        Assert.True(await FreePorts.AcceptsConnectionsAsync(azurite.TablePort, Cancellation));

        // In memory: the restart lost the tables; creating them again makes the same clients work.
        await services.EnsureStorageAsync(Cancellation);
        Assert.Null(await store.FindAsync(before.Id, Cancellation));
        var after = IncidentBuilder.Reported(DateTimeOffset.UtcNow);
        Assert.True(await store.TryAddAsync(after, Reported(store, after), Cancellation));
        Assert.Equal(after, (await store.FindAsync(after.Id, Cancellation))?.Value);
    }

    private static TimelineEntry Reported(IncidentStore store, Incident incident) =>
        new(store.NewEntryId(), TimelineEntryKind.Reported, incident.CreatedAt, incident.Description, "customer", CustomerFacing: false, Delivered: false);
}
