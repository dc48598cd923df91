using System.Net;
using System.Net.Http.Json;
using System.Text;
using Amends.Api;
using Amends.Incidents;
using Amends.Payments;
using Amends.Storage;
using Amends.StoreBackend;
using Amends.Tests.CustomerPages;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Payments;

/// <summary>
/// The store confirms a return's refund, which resolves the incident; the change is stored, then its queue
/// index fails and the store is answered 5xx. Its retry finds the incident already resolved and must still
/// wake the workflow, which apologizes and closes. Real API, real orchestration, real Azurite.
/// </summary>
public sealed class PaymentConfirmationWakeTests(AzuriteFixture azurite)
{
    private const string Secret = "store-webhook-secret-for-tests";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refund_confirmation_stored_before_the_queue_index_failed_is_retried_and_the_workflow_apologizes_and_closes()
    {
        await using var store = StoreReceiver.Start(Secret, failFirst: 0);
        await using var host = await CustomerPagesHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Amends:StoreBackend:WebhookUrl"] = store.Url,
            ["Amends:StoreBackend:WebhookSecret"] = Secret,
            ["Amends:Store:Currency"] = "EUR",
            ["Amends:ReturnLabels:LabelCost"] = "6.50",
        });
        var id = (await host.Workflows.OpenAsync("en")).Id;
        await host.Workflows.EmailAsync(id, "acknowledgement");
        await StaffAsync(host, $"/api/v1/incidents/{id}/diagnosis", new { category = "ChangedMind", responsibility = "Customer" });
        await StaffAsync(host, $"/api/v1/incidents/{id}/resolution", new { type = "ReturnWithLabel", itemPrice = 120.00m });
        await StaffAsync(host, $"/api/v1/incidents/{id}/return/received", new { });
        await StaffAsync(host, $"/api/v1/incidents/{id}/return/inspection", new { condition = "AsNew" });
        var instruction = await Poll.UntilAsync(
            async () => (await host.Staff.GetFromJsonAsync<List<PaymentInstruction>>($"/api/v1/incidents/{id}/payment-instructions", ApiJson.Options, Cancellation))!
                .FirstOrDefault(i => i.Posted),
            "the refund asked of the store");
        var index = host.Services.GetRequiredService<StorageAccount>().Table(IncidentStore.IndexTable);
        await index.DeleteAsync(Cancellation);

        using (var failed = await ConfirmAsync(host, instruction.Id))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        await index.CreateIfNotExistsAsync(Cancellation);
        Assert.Equal(IncidentStatus.Resolved, (await host.Workflows.IncidentAsync(id)).Status);
        using (var retried = await ConfirmAsync(host, instruction.Id))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }

        await host.Workflows.EmailAsync(id, "apology");
        await Poll.UntilTrueAsync(async () => (await host.Workflows.IncidentAsync(id)).Status == IncidentStatus.Closed, "the closing");
        Assert.Single(host.Workflows.Emails(id), e => e.Step == "paid-return-refund");
        Assert.Single(await host.Workflows.TimelineAsync(id), e => e.Kind == TimelineEntryKind.PaymentConfirmed);
    }

    private static async Task StaffAsync(AmendsApiHost host, string path, object body)
    {
        using var response = await host.Staff.PostAsJsonAsync(path, body, ApiJson.Options, Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)}");
    }

    private static Task<HttpResponseMessage> ConfirmAsync(AmendsApiHost host, string instructionId)
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        content.Headers.Add(StoreBackendWebhook.SignatureHeader, StoreBackendWebhook.Sign(Secret, body));
        return host.Http.PostAsync(StoreBackendWebhook.ConfirmationPath(instructionId), content, Cancellation);
    }
}
