using System.Net;
using System.Net.Http.Json;
using System.Text;
using Amends.Api;
using Amends.Payments;
using Amends.StoreBackend;
using Amends.Testing;
using Amends.Tests.Fixtures;

namespace Amends.Tests.EndToEnd;

/// <summary>
/// A customer-paid return on the running standalone server (its own durable back end over Azurite): the
/// refund is posted to a real loopback store back end once, the store's signed confirmation is taken over
/// HTTP, and the incident closes with every email.
/// </summary>
public sealed class ReturnOnServerTests(AzuriteFixture azurite)
{
    private const string Secret = "store-webhook-secret-for-server-tests";

    [Fact]
    public async Task A_customer_paid_return_is_refunded_once_confirmed_and_closed_on_the_server()
    {
        await using var receiver = StoreReceiver.Start(Secret, failFirst: 1);
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Amends__Silence__Limit"] = "01:00:00",
            ["Amends__StoreBackend__WebhookUrl"] = receiver.Url,
            ["Amends__StoreBackend__WebhookSecret"] = Secret,
            ["Amends__StoreBackend__FirstRetryDelay"] = "00:00:00.200",
            ["Amends__ReturnLabels__LabelCost"] = "6.50",
        });
        using var store = new StoreApi(server);
        var (_, view) = await store.CreateAsync(StoreApi.NewIncident("en"));
        var id = view!.Incident.Id;
        await store.WaitForEmailAsync(id, "acknowledgement");

        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{id}/diagnosis", new { category = "ChangedMind", responsibility = "Customer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{id}/resolution", new { type = "ReturnWithLabel", itemPrice = 120.00m })).StatusCode);
        Assert.Contains("we refund you €101.50", await store.WaitForEmailAsync(id, "entry-"));
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{id}/return/received", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{id}/return/inspection", new { condition = "AsNew" })).StatusCode);

        // The first post fails with a 500; the retry is taken, and that is the only request that counts.
        var instruction = await Poll.UntilAsync(async () =>
            (await store.Http.GetFromJsonAsync<List<PaymentInstruction>>($"/api/v1/incidents/{id}/payment-instructions", ApiJson.Options, TestContext.Current.CancellationToken))!.FirstOrDefault(i => i.Posted),
            "the refund posted to the store", TimeSpan.FromSeconds(60));
        Assert.Equal((PaymentKind.ReturnRefund, 101.50m, PaymentStatus.Requested, 2), (instruction.Kind, instruction.Amount, instruction.Status, instruction.Attempts));
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid));

        var body = Encoding.UTF8.GetBytes("""{"storeReference":"R-2026-1187"}""");
        using var confirmation = new ByteArrayContent(body);
        confirmation.Headers.ContentType = new("application/json");
        confirmation.Headers.Add(StoreBackendWebhook.SignatureHeader, StoreBackendWebhook.Sign(Secret, body));
        using var anonymous = new HttpClient { BaseAddress = store.Http.BaseAddress };
        using var confirmed = await anonymous.PostAsync(StoreBackendWebhook.ConfirmationPath(instruction.Id), confirmation, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        Assert.Contains("we have sent your refund of €101.50.", await store.WaitForEmailAsync(id, "paid-return-refund"));
        await store.WaitForEmailAsync(id, "apology");
        await Poll.UntilAsync(async () => (await store.GetAsync(id)).Incident.Status == Incidents.IncidentStatus.Closed ? "closed" : null, "the incident to close", TimeSpan.FromSeconds(60));
        Assert.Equal(PaymentStatus.Confirmed,
            Assert.Single((await store.Http.GetFromJsonAsync<List<PaymentInstruction>>($"/api/v1/incidents/{id}/payment-instructions", ApiJson.Options, TestContext.Current.CancellationToken))!).Status);
        Assert.Equal(2, receiver.Received.Count);
    }
}
