using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amends.Api;
using Amends.Incidents;
using Amends.Ledger;
using Amends.Payments;
using Amends.Returns;
using Amends.StoreBackend;
using Amends.Tests.CustomerPages;
using Amends.Tests.Fixtures;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Returns;

/// <summary>
/// A return as a durable flow on real orchestrations and real Azurite, driven over the HTTP API: the label,
/// the parcel awaited, received and inspected, the refund asked of a real (loopback) store back end once,
/// the store's signed confirmation, the customer told, then resolved, apologized and closed.
/// </summary>
public sealed class ReturnFlowTests(AzuriteFixture azurite)
{
    private const string Secret = "store-webhook-secret-for-tests";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_paid_return_goes_from_label_to_closed_with_every_email_payment_and_ledger_line()
    {
        await using var store = StoreReceiver.Start(Secret, failFirst: 0);
        await using var host = await CustomerPagesHost.StartAsync(azurite, Settings(store.Url));
        var incident = await host.Workflows.OpenAsync("en");
        var id = incident.Id;
        await host.Workflows.EmailAsync(id, "acknowledgement");
        await PostAsync(host, $"/api/v1/incidents/{id}/diagnosis", new { category = "ChangedMind", responsibility = "Customer" }, HttpStatusCode.Accepted);

        // Label: 120.00 paid, 10 % fee (12.00), the 6.50 label paid by the customer: 101.50 back once the item is here.
        var chosen = await PostAsync(host, $"/api/v1/incidents/{id}/resolution", new { type = "ReturnWithLabel", itemPrice = 120.00m }, HttpStatusCode.Accepted);
        var resolution = await host.Workflows.EmailAsync(id, "entry-" + chosen.GetProperty("id").GetString());
        Assert.Contains("(€12.00 of the €120.00 you paid)", resolution.Body);
        Assert.Contains("you pay the return shipping (€6.50, taken off the refund)", resolution.Body);
        Assert.Contains("Once the item is back with us, we refund you €101.50.", resolution.Body);
        Assert.Equal(ReturnStage.AwaitingParcel, (await host.IncidentAsync(id)).Incident.Return!.Stage);

        // Nothing is inspected before it arrives.
        await ProblemAsync(host, $"/api/v1/incidents/{id}/return/inspection", new { condition = "AsNew" }, HttpStatusCode.Conflict, field: null);

        await PostAsync(host, $"/api/v1/incidents/{id}/return/tracking", new { trackingNumber = "RR123456789PL", carrier = "InPost" }, HttpStatusCode.Accepted);
        Assert.Equal((ReturnStage.OnItsWay, "RR123456789PL"), ((await host.IncidentAsync(id)).Incident.Return!.Stage, (await host.IncidentAsync(id)).Incident.Return!.TrackingNumber));
        var received = await PostAsync(host, $"/api/v1/incidents/{id}/return/received", new { }, HttpStatusCode.Accepted);
        var receivedEmail = await host.Workflows.EmailAsync(id, "entry-" + received.GetProperty("id").GetString());
        Assert.Contains($"your return {ReturnLabels.ReturnNumberFor(id)} has arrived", receivedEmail.Body);
        await ProblemAsync(host, $"/api/v1/incidents/{id}/return/received", new { }, HttpStatusCode.Conflict, field: null);

        // Bad inspections change nothing.
        await ProblemAsync(host, $"/api/v1/incidents/{id}/return/inspection", new { condition = "AsNew", refundAmount = 130m, reason = "Goodwill" }, HttpStatusCode.BadRequest, "refundAmount");
        await ProblemAsync(host, $"/api/v1/incidents/{id}/return/inspection", new { condition = "AsNew", refundAmount = -1m, reason = "Oops" }, HttpStatusCode.BadRequest, "refundAmount");
        await ProblemAsync(host, $"/api/v1/incidents/{id}/return/inspection", new { condition = "AsNew", refundAmount = 90m }, HttpStatusCode.BadRequest, "reason");
        await ProblemAsync(host, $"/api/v1/incidents/{id}/return/inspection", new { }, HttpStatusCode.BadRequest, "condition");
        Assert.Equal(ReturnStage.Received, (await host.IncidentAsync(id)).Incident.Return!.Stage);

        await PostAsync(host, $"/api/v1/incidents/{id}/return/inspection", new { condition = "AsNew" }, HttpStatusCode.Accepted);

        // The refund is asked of the store once, signed, as a payment instruction staff can see.
        var post = await Poll.UntilFoundAsync(() => store.Received.FirstOrDefault(), "the store's refund request");
        Assert.True(post.SignatureValid);
        using (var body = JsonDocument.Parse(post.Body))
        {
            var e = body.RootElement;
            Assert.Equal(("refund.requested", $"{id}.return-refund", "return-refund", 101.50m, "EUR", $"/api/v1/store/payment-instructions/{id}.return-refund/confirmation"),
                (e.GetProperty("type").GetString(), e.GetProperty("idempotencyId").GetString(), e.GetProperty("kind").GetString(), e.GetProperty("amount").GetDecimal(),
                 e.GetProperty("currency").GetString(), e.GetProperty("confirmationPath").GetString()));
        }

        var requested = await Poll.UntilAsync(async () => (await InstructionsAsync(host, id)).FirstOrDefault(i => i.Posted), "the instruction noted as posted");
        Assert.Equal((PaymentKind.ReturnRefund, 101.50m, PaymentStatus.Requested, 1), (requested.Kind, requested.Amount, requested.Status, requested.Attempts));

        // Not told before the store confirms; a wrong signature or an unknown instruction changes nothing.
        Assert.DoesNotContain(host.Workflows.Emails(id), e => e.Step.StartsWith("paid-", StringComparison.Ordinal));
        using (var forged = await ConfirmAsync(host, requested.Id, "another-secret-of-enough-length"))
        {
            await AssertProblemAsync(forged, HttpStatusCode.Unauthorized);
        }

        using (var unknown = await ConfirmAsync(host, $"{id}.store-credit", Secret))
        {
            await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        }

        Assert.Equal(PaymentStatus.Requested, Assert.Single(await InstructionsAsync(host, id)).Status);

        using (var confirmed = await ConfirmAsync(host, requested.Id, Secret))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        // Told the amount actually paid, then resolved, apologized and closed.
        var paid = await host.Workflows.EmailAsync(id, "paid-return-refund");
        Assert.Contains("we have sent your refund of €101.50.", paid.Body);
        await host.Workflows.EmailAsync(id, "apology");
        var closed = await Poll.UntilAsync(async () => (await host.IncidentAsync(id)) is { Incident.Status: IncidentStatus.Closed } view ? view : null, "the incident to close");
        Assert.Equal(ReturnStage.RefundSent, closed.Incident.Return!.Stage);
        var (_, page) = await host.PageAsync(await host.StatusPathAsync(id));
        Assert.Contains("<p id=\"return-received\">We have received your return.</p>", page, StringComparison.Ordinal);
        Assert.Contains("<p id=\"refund-sent\">We have sent your refund.</p>", page, StringComparison.Ordinal);

        // A repeated confirmation (the store retrying) tells nobody twice.
        using (var again = await ConfirmAsync(host, requested.Id, Secret))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Equal(
            ["acknowledgement", "entry-" + chosen.GetProperty("id").GetString(), "entry-" + received.GetProperty("id").GetString(), "paid-return-refund", "apology"],
            host.Workflows.Emails(id).Select(e => e.Step));
        var instruction = Assert.Single(await InstructionsAsync(host, id));
        Assert.Equal((PaymentStatus.Confirmed, 101.50m), (instruction.Status, instruction.Amount));
        Assert.Single(store.Received);

        var lines = await host.Workflows.Services.GetRequiredService<CostLedger>().ForIncidentAsync(id, Cancellation);
        Assert.Equal(
            [(CostKind.ReturnLabel, 6.50m), (CostKind.Refund, 101.50m), (CostKind.RestockingFee, 12.00m), (CostKind.RecoveredGoods, 108.00m)],
            lines.Select(l => (l.Kind, l.Amount)));

        // Staff see the same lines, and what the incident cost in the end: the fee kept, the kettle back on the shelf.
        var ledger = (await host.Staff.GetFromJsonAsync<IncidentLedger>($"/api/v1/incidents/{id}/ledger", ApiJson.Options, Cancellation))!;
        Assert.Equal(
            [(CostKind.ReturnLabel, false, 6.50m), (CostKind.Refund, false, 101.50m), (CostKind.RestockingFee, true, 12.00m), (CostKind.RecoveredGoods, true, 108.00m)],
            ledger.Lines.Select(l => (l.Kind, l.Income, l.Amount)).OrderBy(l => l.Kind));
        Assert.Equal(("EUR", 108.00m, 120.00m, -12.00m), (ledger.Currency, ledger.GrossCost, ledger.Income, ledger.NetCost));
        using var noSuchIncident = await host.Staff.GetAsync("/api/v1/incidents/AMD-NOSUCH00/ledger", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, noSuchIncident.StatusCode);
    }

    [Fact]
    public async Task A_late_parcel_brings_one_reminder_and_a_closed_window_flags_staff()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10), settings: new Dictionary<string, string?>
        {
            ["Amends:Returns:ReminderAfter"] = "00:00:02",
            ["Amends:Returns:Window"] = "00:00:05",
        });
        var incident = await host.OpenAsync("it");
        await host.Staff.DiagnoseAsync(incident.Id, IncidentCategory.ChangedMind, Responsibility.Customer, Cancellation);
        await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.ReturnWithLabel, ItemPrice: 40m), host.Client, Cancellation);

        var reminder = await host.EmailAsync(incident.Id, "return-reminder");
        Assert.Contains($"non abbiamo ancora ricevuto il suo reso {ReturnLabels.ReturnNumberFor(incident.Id)}", reminder.Body);
        var flagged = await host.EntryAsync(incident.Id, e => e.Text?.StartsWith("The return window closed", StringComparison.Ordinal) == true, "the window-closed flag");
        Assert.False(flagged.CustomerFacing);
        var stored = await host.IncidentAsync(incident.Id);
        Assert.True(stored.NeedsAttention);
        Assert.Equal((true, true), (stored.Return!.ReminderSent, stored.Return.WindowClosedFlagged));

        // The step run again (a retry, a later wake-up) sends no second reminder and writes no second flag.
        await host.Services.GetRequiredService<AdvanceReturn>().RunAsync(incident.Id);
        Assert.Single(host.Emails(incident.Id), e => e.Step == "return-reminder");
        Assert.Single(await host.TimelineAsync(incident.Id), e => e.Text?.StartsWith("The return window closed", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_return_refund_with_no_store_webhook_is_not_sent_and_flags_staff()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10));
        var incident = await host.OpenAsync();
        await host.EmailAsync(incident.Id, "acknowledgement");
        await host.Staff.DiagnoseAsync(incident.Id, IncidentCategory.ChangedMind, Responsibility.Customer, Cancellation);
        await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.ReturnWithLabel, ItemPrice: 120m), host.Client, Cancellation);
        var returns = host.Services.GetRequiredService<ReturnActions>();
        await returns.MarkReceivedAsync(incident.Id, host.Client, Cancellation);

        var inspected = await returns.InspectAsync(incident.Id, ReturnCondition.Damaged, 80m, "Scratched lid", host.Client, Cancellation);

        Assert.Equal(ReturnActionOutcome.Done, inspected.Outcome);
        var instructions = host.Services.GetRequiredService<PaymentInstructions>();
        var notSent = await Poll.UntilAsync(async () => (await instructions.ForIncidentAsync(incident.Id, Cancellation)).FirstOrDefault(i => i.Posted), "the instruction noted");
        Assert.Equal((PaymentKind.ReturnRefund, 80m, PaymentStatus.NotSent), (notSent.Kind, notSent.Amount, notSent.Status));
        Assert.True((await host.IncidentAsync(incident.Id)).NeedsAttention);
    }

    [Fact]
    public async Task A_retried_payment_request_asks_the_store_once()
    {
        await using var store = StoreReceiver.Start(Secret, failFirst: 0);
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10), settings: Settings(store.Url));
        var incident = await host.OpenAsync();
        var request = new PaymentRequest(incident.Id, PaymentKind.ShippingRefund, 7.50m);
        var step = host.Services.GetRequiredService<RequestPayment>();

        // The activity run twice (its first run's answer lost): one instruction, the same notice.
        var first = await step.RunAsync(request);
        var retried = await step.RunAsync(request with { Amount = 9m });
        Assert.NotNull(first);
        Assert.Equal(first.Event, retried!.Event);
        var instructions = host.Services.GetRequiredService<PaymentInstructions>();
        Assert.Equal(7.50m, Assert.Single(await instructions.ForIncidentAsync(incident.Id, Cancellation)).Amount);

        // Posted once; from then on asking again hands back nothing to post.
        await host.Client.ScheduleNewOrchestrationInstanceAsync(TellStoreBackend.Name, first, new StartOrchestrationOptions(first.Event.IdempotencyId), Cancellation);
        await Poll.UntilAsync(async () => (await instructions.FindAsync(first.Event.IdempotencyId, Cancellation)) is { Posted: true } i ? i : null, "the posting noted");
        Assert.Null(await step.RunAsync(request));
        Assert.Single(store.Received);
    }

    [Fact]
    public async Task Refunded_shipping_compensation_is_asked_of_the_store_and_told_once_confirmed()
    {
        await using var store = StoreReceiver.Start(Secret, failFirst: 0);
        await using var host = await AmendsApiHost.StartAsync(azurite, Settings(store.Url));
        var incident = await host.Workflows.OpenAsync("pl");
        await host.Workflows.EmailAsync(incident.Id, "acknowledgement");

        await PostAsync(host, $"/api/v1/incidents/{incident.Id}/resolve",
            new { note = "Done.", compensation = new { outcome = "RefundedShipping", shippingRefund = 7.50m } }, HttpStatusCode.Accepted);
        await host.Workflows.EmailAsync(incident.Id, "apology");
        var instruction = await Poll.UntilAsync(async () => (await InstructionsAsync(host, incident.Id)).FirstOrDefault(i => i.Posted), "the shipping refund posted");
        Assert.Equal((PaymentKind.ShippingRefund, 7.50m, PaymentStatus.Requested), (instruction.Kind, instruction.Amount, instruction.Status));
        Assert.Single(store.Received);

        using (var confirmed = await ConfirmAsync(host, instruction.Id, Secret, """{"storeReference":"R-77"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var paid = await host.Workflows.EmailAsync(incident.Id, "paid-shipping-refund");
        Assert.Contains("zwróciliśmy Państwu koszt wysyłki: 7,50\u00a0€.", paid.Body);
        Assert.Equal((PaymentStatus.Confirmed, "R-77"), (Assert.Single(await InstructionsAsync(host, incident.Id)).Status, (await InstructionsAsync(host, incident.Id))[0].StoreReference));
    }

    [Theory]
    [InlineData("en", "We have received your return.", "We have sent your refund.")]
    [InlineData("it", "Abbiamo ricevuto il suo reso.", "Le abbiamo inviato il rimborso.")]
    [InlineData("pl", "Otrzymaliśmy Państwa zwrot.", "Wysłaliśmy zwrot pieniędzy.")]
    [InlineData("nb", "Vi har mottatt returen din.", "Vi har sendt refusjonen din.")]
    [InlineData("de", "Ihre Rücksendung ist bei uns angekommen.", "Wir haben Ihnen den Betrag erstattet.")]
    public async Task The_status_page_says_return_received_and_refund_sent_in_the_customers_language(string language, string received, string sent)
    {
        await using var host = await CustomerPagesHost.StartAsync(azurite);
        var id = IncidentNumber.New();
        var seeded = await host.SeedAsync(id, "kunde@example.no", "Kari", language, "#1003");
        var at = DateTimeOffset.UtcNow;
        await host.Workflows.Store.ChangeAsync(id, i => i with
        {
            Resolution = new Resolution(ResolutionType.ReturnWithLabel, ItemPrice: 120m,
                Return: new ReturnTerms("RET-1", 120m, 30, 10, ReturnShippingPayer.Customer, 12m, 6.50m, 101.50m)),
            Return = new ParcelReturn(ReturnStage.Received, at, ReceivedAt: at),
        }, cancellationToken: Cancellation);
        var path = await host.StatusPathAsync(seeded.Id);

        var (_, before) = await host.PageAsync(path);
        await host.Workflows.Store.ChangeAsync(id, i => i with { Return = i.Return! with { Stage = ReturnStage.RefundSent } }, cancellationToken: Cancellation);
        var (_, after) = await host.PageAsync(path);

        Assert.Contains(received, before, StringComparison.Ordinal);
        Assert.DoesNotContain(sent, before, StringComparison.Ordinal);
        Assert.Contains(sent, after, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string storeUrl) => new()
    {
        ["Amends:StoreBackend:WebhookUrl"] = storeUrl,
        ["Amends:StoreBackend:WebhookSecret"] = Secret,
        ["Amends:Store:Currency"] = "EUR",
        ["Amends:StoreBackend:MaxAttempts"] = "3",
        ["Amends:StoreBackend:FirstRetryDelay"] = "00:00:00.100",
        ["Amends:ReturnLabels:LabelCost"] = "6.50",
    };

    private static async Task<JsonElement> PostAsync(AmendsApiHost host, string path, object body, HttpStatusCode expected)
    {
        using var response = await host.Staff.PostAsJsonAsync(path, body, ApiJson.Options, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task ProblemAsync(AmendsApiHost host, string path, object body, HttpStatusCode expected, string? field)
    {
        using var response = await host.Staff.PostAsJsonAsync(path, body, ApiJson.Options, Cancellation);
        var problem = await AssertProblemAsync(response, expected);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path}: no error for {field} in {problem}");
        }
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<List<PaymentInstruction>> InstructionsAsync(AmendsApiHost host, string id) =>
        (await host.Staff.GetFromJsonAsync<List<PaymentInstruction>>($"/api/v1/incidents/{id}/payment-instructions", ApiJson.Options, Cancellation))!;

    private static Task<HttpResponseMessage> ConfirmAsync(AmendsApiHost host, string instructionId, string secret, string json = "{}")
    {
        var body = Encoding.UTF8.GetBytes(json);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        content.Headers.Add(StoreBackendWebhook.SignatureHeader, StoreBackendWebhook.Sign(secret, body));
        return host.Http.PostAsync(StoreBackendWebhook.ConfirmationPath(instructionId), content, Cancellation);
    }
}
