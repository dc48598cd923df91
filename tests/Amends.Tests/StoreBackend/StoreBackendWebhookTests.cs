using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Amends.Incidents;
using Amends.Money;
using Amends.Payments;
using Amends.StoreBackend;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Amends.Tests.StoreBackend;

/// <summary>
/// The store's back end is told of refunds and store credit by a signed webhook from its own
/// orchestration: a real receiver on a loopback port checks the signature, fails the first post with a
/// 500 and takes the retry, made on a durable timer.
/// </summary>
public sealed class StoreBackendWebhookTests(AzuriteFixture azurite)
{
    private const string Secret = "store-webhook-secret-for-tests";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refund_is_signed_retried_after_a_500_and_taken_on_the_second_attempt()
    {
        await using var store = StoreReceiver.Start(Secret, failFirst: 1);
        await using var host = await StartAsync(store.Url, currency: "EUR");
        var incident = await host.OpenAsync();

        var chosen = await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.Refund, RefundAmount: 49.90m), host.Client, Cancellation);

        Assert.Equal(Amends.Resolve.StaffActionOutcome.Done, chosen.Outcome);
        await host.EntryAsync(incident.Id, e => e.Text == "Store back end told: refund.requested (attempt 2).", "the store back end's note");
        Assert.Equal(2, store.Received.Count);
        Assert.All(store.Received, r => Assert.True(r.SignatureValid));
        Assert.All(store.Received, r => Assert.True(long.TryParse(r.Timestamp, out _)));
        using var body = JsonDocument.Parse(store.Received.Last().Body);
        Assert.Equal(
            ("refund.requested", $"{incident.Id}.refund", incident.Id, incident.OrderNumber, 49.90m, "EUR"),
            (body.RootElement.GetProperty("type").GetString(), body.RootElement.GetProperty("idempotencyId").GetString(),
             body.RootElement.GetProperty("incidentId").GetString(), body.RootElement.GetProperty("orderNumber").GetString(),
             body.RootElement.GetProperty("amount").GetDecimal(), body.RootElement.GetProperty("currency").GetString()));
    }

    [Fact]
    public async Task A_tampered_body_fails_the_signature_check()
    {
        await using var store = StoreReceiver.Start(Secret, failFirst: 0);
        var webhook = new StoreBackendWebhook(
            new HttpClient(), Options.Create(new StoreBackendOptions { WebhookUrl = store.Url, WebhookSecret = Secret }), Options.Create(new StoreCurrency()), TimeProvider.System, NullLogger<StoreBackendWebhook>.Instance);

        var answer = await webhook.PostAsync(new StoreBackendEvent("store-credit.requested", "AMD-WEBHOOK2.store-credit.requested", "AMD-WEBHOOK2", "#1002", 20m, "EUR"), Cancellation);

        Assert.Equal(new StoreBackendAnswer(StoreBackendOutcome.Delivered, 200), answer);
        var received = Assert.Single(store.Received);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(received.Body).Replace("20", "2000", StringComparison.Ordinal));
        Assert.True(StoreBackendWebhook.Verify(Secret, received.Body, received.Signature));
        Assert.False(StoreBackendWebhook.Verify(Secret, tampered, received.Signature));
        Assert.False(StoreBackendWebhook.Verify("another-secret", received.Body, received.Signature));
    }

    [Fact]
    public async Task A_store_that_keeps_failing_is_given_up_on_after_the_last_attempt_and_staff_are_told_to_pay_by_hand()
    {
        await using var store = StoreReceiver.Start(Secret, failFirst: int.MaxValue);
        await using var host = await StartAsync(store.Url, currency: "EUR");
        var incident = await host.OpenAsync();

        await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.Refund, RefundAmount: 5m), host.Client, Cancellation);

        var note = await host.EntryAsync(incident.Id, e => e.Text?.StartsWith("Store back end not told", StringComparison.Ordinal) == true, "the give-up note");
        Assert.Equal("Store back end not told of refund.requested after 3 attempts (last status 500). Refund or credit it by hand.", note.Text);
        Assert.False(note.CustomerFacing);
        Assert.Equal(3, store.Received.Count);

        // The instruction says it failed, and the incident is flagged for staff.
        var instruction = Assert.Single(await host.Services.GetRequiredService<PaymentInstructions>().ForIncidentAsync(incident.Id, Cancellation));
        Assert.Equal((PaymentStatus.Failed, 3), (instruction.Status, instruction.Attempts));
        Assert.True((await host.IncidentAsync(incident.Id)).NeedsAttention);
    }

    [Fact]
    public async Task Choosing_a_refund_with_no_webhook_configured_is_noted_on_the_timeline_for_staff()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10));
        var incident = await host.OpenAsync();

        var chosen = await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.Refund, RefundAmount: 30m), host.Client, Cancellation);

        Assert.Equal(Amends.Resolve.StaffActionOutcome.Done, chosen.Outcome);
        var note = await host.EntryAsync(incident.Id, e => e.Text?.StartsWith("Store back end", StringComparison.Ordinal) == true, "the store back end's note");
        Assert.Contains("no webhook URL configured", note.Text, StringComparison.Ordinal);
        Assert.False(note.CustomerFacing);
    }

    [Fact]
    public async Task Choosing_store_credit_tells_the_store_and_notes_it_on_the_timeline()
    {
        await using var store = StoreReceiver.Start(Secret, failFirst: 0);
        await using var host = await StartAsync(store.Url, currency: "NOK");
        var incident = await host.OpenAsync();

        await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.StoreCredit, RefundAmount: 150m), host.Client, Cancellation);

        await host.EntryAsync(incident.Id, e => e.Text == "Store back end told: store-credit.requested (attempt 1).", "the store back end's note");
        var received = Assert.Single(store.Received);
        Assert.True(received.SignatureValid);
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal(("store-credit.requested", $"{incident.Id}.store-credit", "NOK"),
            (body.RootElement.GetProperty("type").GetString(), body.RootElement.GetProperty("idempotencyId").GetString(), body.RootElement.GetProperty("currency").GetString()));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("https://shop.example/amends", null, false)]
    [InlineData("https://shop.example/amends", "too-short", false)]
    [InlineData("https://shop.example/amends", Secret, true)]
    public void A_webhook_url_needs_a_secret_of_sixteen_characters_or_more(string? url, string? secret, bool valid)
    {
        var options = new StoreBackendOptions { WebhookUrl = url, WebhookSecret = secret };
        List<ValidationResult> errors = [];

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.All(errors, e => Assert.Equal([nameof(StoreBackendOptions.WebhookSecret)], e.MemberNames));
    }

    private Task<IncidentWorkflowHost> StartAsync(string url, string currency) =>
        IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10), settings: new Dictionary<string, string?>
        {
            ["Amends:StoreBackend:WebhookUrl"] = url,
            ["Amends:StoreBackend:WebhookSecret"] = Secret,
            ["Amends:Store:Currency"] = currency,
            ["Amends:StoreBackend:MaxAttempts"] = "3",
            ["Amends:StoreBackend:FirstRetryDelay"] = "00:00:00.100",
        });
}
