using System.Globalization;
using Amends.Incidents;
using Amends.Storage;
using Amends.Tests.Fixtures;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Storage;

/// <summary>
/// No table transaction exceeds Table Storage's 100 actions, by construction: the store splits a large
/// change into idempotent batches, and a transaction of more is refused before it is sent.
/// </summary>
public sealed class TableTransactionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly AmendsTestServices amends = new(azurite);
    private ServiceProvider services = null!;

    private IncidentStore Store => services.GetRequiredService<IncidentStore>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => services = await amends.BuildAsync(cancellationToken: Cancellation);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        amends.Dispose();
    }

    [Fact]
    public async Task A_change_with_250_timeline_entries_is_stored_whole_and_again_without_doubling()
    {
        var at = DateTimeOffset.UtcNow;
        var incident = IncidentBuilder.Reported(at);
        Assert.True(await Store.TryAddAsync(incident, Entry(at, 0) with { Kind = TimelineEntryKind.Reported, Text = "Reported." }, Cancellation));
        List<TimelineEntry> entries = [.. Enumerable.Range(1, 250).Select(i => Entry(at, i))];

        await Store.ChangeAsync(incident.Id, i => i with { NeedsAttention = true }, entries, Cancellation);
        await Store.ChangeAsync(incident.Id, i => i with { NeedsAttention = true }, entries, Cancellation);

        Assert.Equal(251, (await Store.TimelineAsync(incident.Id, Cancellation)).Count);
        Assert.True((await Store.FindAsync(incident.Id, Cancellation))!.Value.NeedsAttention);
    }

    [Fact]
    public async Task A_transaction_of_more_than_100_actions_is_refused_before_it_is_sent()
    {
        var table = services.GetRequiredService<StorageAccount>().Table("Unsent");
        List<TableTransactionAction> actions = [.. Enumerable.Range(0, TableTransactions.MaxActions + 1)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", i.ToString(CultureInfo.InvariantCulture))))];

        // The table does not even exist: the refusal comes before any call to storage.
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.SubmitAsync(actions, Cancellation));
    }

    private static TimelineEntry Entry(DateTimeOffset at, int number) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}-f{number:D3}"), TimelineEntryKind.AttachmentRejected, at,
            $"TooMany: file-{number}.jpg — test", "customer", CustomerFacing: false, Delivered: false);
}
