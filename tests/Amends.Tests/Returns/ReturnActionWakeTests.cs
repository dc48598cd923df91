using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amends.Api;
using Amends.Storage;
using Amends.Tests.CustomerPages;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Returns;

/// <summary>
/// Staff mark a return's parcel received; the change is stored, then its queue index fails and staff get a
/// 5xx. Their retry is refused (already received), so the workflow must have been woken by the first try:
/// the customer is told the parcel arrived, once. Real API, real orchestration, real Azurite.
/// </summary>
public sealed class ReturnActionWakeTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_parcel_marked_received_before_the_queue_index_failed_still_tells_the_customer_once()
    {
        await using var host = await CustomerPagesHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Amends:Store:Currency"] = "EUR",
            ["Amends:ReturnLabels:LabelCost"] = "6.50",
        });
        var id = (await host.Workflows.OpenAsync("en")).Id;
        await host.Workflows.EmailAsync(id, "acknowledgement");
        await StaffAsync(host, $"/api/v1/incidents/{id}/diagnosis", new { category = "ChangedMind", responsibility = "Customer" }, HttpStatusCode.Accepted);
        var chosen = await StaffAsync(host, $"/api/v1/incidents/{id}/resolution", new { type = "ReturnWithLabel", itemPrice = 120.00m }, HttpStatusCode.Accepted);
        await host.Workflows.EmailAsync(id, "entry-" + chosen.GetProperty("id").GetString());
        await Workflow.StaffActionWakeTests.WaitingOnItsTimerAsync(host.Workflows, id);
        var index = host.Services.GetRequiredService<StorageAccount>().Table(IncidentStore.IndexTable);
        await index.DeleteAsync(Cancellation);

        await StaffAsync(host, $"/api/v1/incidents/{id}/return/received", new { }, HttpStatusCode.ServiceUnavailable);
        await index.CreateIfNotExistsAsync(Cancellation);
        await StaffAsync(host, $"/api/v1/incidents/{id}/return/received", new { }, HttpStatusCode.Conflict);

        var received = await host.Workflows.EmailAsync(id, e => e.Body.Contains("has arrived", StringComparison.Ordinal), "the return-received email");
        Assert.Single(host.Workflows.Emails(id), e => e.Step == received.Step);
    }

    private static async Task<JsonElement> StaffAsync(AmendsApiHost host, string path, object body, HttpStatusCode expected)
    {
        using var response = await host.Staff.PostAsJsonAsync(path, body, ApiJson.Options, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
