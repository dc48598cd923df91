using Amends.Testing;
using Amends.Tests.EndToEnd;
using Amends.Tests.Fixtures;

namespace Amends.Tests.Notifications;

/// <summary>The standalone server sends staff notices on its own: to the local outbox and to the chat's webhook.</summary>
public sealed class StaffNoticesOnServerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_server_tells_staff_in_the_local_outbox_and_the_chat_when_the_robot_wrote()
    {
        await using var chat = ChatReceiver.Start();
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Amends__Silence__Limit"] = "00:00:03",
            ["Amends__Notifications__EmailTo"] = "ana@shop.example",
            ["Amends__Notifications__WebhookUrl"] = chat.Url,
            ["Amends__Notifications__DispatchInterval"] = "00:00:00.500",
        });
        using var store = new StoreApi(server);

        var (_, view) = await store.CreateAsync(StoreApi.NewIncident(), idempotencyKey: "order-1001-notice");
        var id = view!.Incident.Id;

        await Poll.UntilTrueAsync(async () => (await store.OutboxAsync()).Any(e => e.Name.Contains("-notice.", StringComparison.Ordinal)), "the staff email");
        await Poll.UntilTrueAsync(() => Task.FromResult(chat.Texts.Any(t => t.Contains($"{id}: nobody wrote to the customer", StringComparison.Ordinal))), "the chat post");
    }
}
