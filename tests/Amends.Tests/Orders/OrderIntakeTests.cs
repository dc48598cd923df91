using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amends.Api;
using Amends.Claims;
using Amends.Incidents;
using Amends.Notifications;
using Amends.Orders;
using Amends.Returns;
using Amends.Silence;
using Amends.Tests.Claims;
using Amends.Tests.Fixtures;
using Amends.Tests.Inbound;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Amends.Tests.Orders;

/// <summary>
/// Incidents learn their order from the store: by email and by the API, before the workflow starts; an order the
/// store does not have, a store that is down and credentials it refuses never keep an incident from opening.
/// </summary>
public sealed class OrderIntakeTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<OrderSource> Sources => [OrderSource.StoreBackend, OrderSource.Shopify, OrderSource.WooCommerce];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task An_email_incident_gets_its_order_lines_product_and_shipment(OrderSource source)
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformSamples.Found(source));
        await using var host = await AmendsApiHost.StartAsync(azurite, PlatformSamples.Settings(source, platform.Url));

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(KettleMail()));

        var view = await host.IncidentAsync(outcome.IncidentId!);
        var incident = view.Incident;
        Assert.Equal(OrderLookupState.Found, incident.Order?.State);
        Assert.Equal(source, incident.Order!.Source);
        Assert.Equal(2, incident.Order.Details!.Lines.Count);

        // The customer wrote about the kettle, not the mugs: the incident is about KETTLE-01.
        Assert.Equal("KETTLE-01", incident.Sku);
        Assert.Equal("Bologna", incident.Order.Details.ShippingAddress?.City);
        var note = Assert.Single(view.Timeline, e => e.Text?.StartsWith("Order ", StringComparison.Ordinal) == true && e.Text.Contains("read from", StringComparison.Ordinal));
        Assert.Contains("the product is KETTLE-01", note.Text, StringComparison.Ordinal);
        Assert.Contains("BRT-0001234", note.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Via Roma", note.Text, StringComparison.Ordinal);
        await WriteBeforeAfterAsync(source, incident, note.Text!);
    }

    [Fact]
    public async Task Without_a_store_connected_an_email_incident_knows_only_what_the_customer_wrote()
    {
        await using var host = await AmendsApiHost.StartAsync(azurite);

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(KettleMail()));

        var incident = (await host.IncidentAsync(outcome.IncidentId!)).Incident;
        Assert.Equal(("#1042", null, null), (incident.OrderNumber, incident.Sku, incident.Order));
        await WriteBeforeAfterAsync(OrderSource.None, incident, null);
    }

    [Fact]
    public async Task The_API_opens_an_incident_from_the_order_number_alone()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformSamples.Found(OrderSource.Shopify));
        await using var host = await AmendsApiHost.StartAsync(azurite, PlatformSamples.Settings(OrderSource.Shopify, platform.Url));

        using var created = await host.Staff.PostAsync("/api/v1/incidents", Json("""{"orderNumber":"#1042"}"""), Cancellation);
        using var unknown = await host.Staff.PostAsync("/api/v1/incidents", Json("""{"orderNumber":"#9999","description":"Broken."}"""), Cancellation);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var incident = (await created.Content.ReadFromJsonAsync<IncidentView>(ApiJson.Options, Cancellation))!.Incident;
        Assert.Equal(new Customer("giulia.rossi@example.it", "Giulia Rossi", "en"), incident.Customer);
        Assert.Equal(OrderLookupState.Found, incident.Order?.State);

        // Two lines and no words to choose by: staff choose the product.
        Assert.Null(incident.Sku);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var problem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("customerEmail", out _));
    }

    [Fact]
    public async Task Without_a_store_connected_the_API_still_needs_the_customer()
    {
        await using var host = await AmendsApiHost.StartAsync(azurite);

        using var response = await host.Staff.PostAsync("/api/v1/incidents", Json("""{"orderNumber":"#1042"}"""), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("customerEmail", out _) && errors.TryGetProperty("customerName", out _) && errors.TryGetProperty("description", out _));
    }

    [Fact]
    public async Task An_order_the_store_does_not_have_opens_the_incident_flagged_for_staff()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformSamples.Missing(OrderSource.WooCommerce));
        await using var host = await AmendsApiHost.StartAsync(azurite, PlatformSamples.Settings(OrderSource.WooCommerce, platform.Url));

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(KettleMail()));

        var incident = (await host.IncidentAsync(outcome.IncidentId!)).Incident;
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Equal(OrderLookupState.NotFound, incident.Order?.State);
        Assert.Contains(incident.Attention ?? [], a => a.Kind == AttentionKind.OrderNotFound);
        await host.Workflows.EmailAsync(incident.Id, "acknowledgement");
    }

    [Fact]
    public async Task An_unreachable_store_opens_the_incident_and_the_sweep_reads_the_order_when_it_is_back()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformStandIn.Json(503, "<html>Service Unavailable</html>"));
        await using var host = await AmendsApiHost.StartAsync(azurite, PlatformSamples.Settings(OrderSource.StoreBackend, platform.Url));
        var orders = host.Services.GetRequiredService<OrderReading>();

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(KettleMail()));
        var id = outcome.IncidentId!;

        var waiting = await host.IncidentAsync(id);
        Assert.Equal(OrderLookupState.Pending, waiting.Incident.Order?.State);
        Assert.False(waiting.Incident.NeedsAttention);
        Assert.Contains(waiting.Timeline, e => e.Text?.StartsWith("Order lookup pending", StringComparison.Ordinal) == true);
        Assert.Contains(id, (await orders.WaitingAsync(Cancellation)).Keys);
        await host.Workflows.EmailAsync(id, "acknowledgement");

        platform.Answer = PlatformSamples.Found(OrderSource.StoreBackend);
        var report = await host.Services.GetRequiredService<AttentionSweep>().RunAsync(host.Workflows.Client, Cancellation);

        Assert.Equal(1, report.OrderLookups);
        var read = (await host.IncidentAsync(id)).Incident;
        Assert.Equal((OrderLookupState.Found, "KETTLE-01"), (read.Order?.State, read.Sku));
        Assert.DoesNotContain(id, (await orders.WaitingAsync(Cancellation)).Keys);
    }

    [Fact]
    public async Task Refused_credentials_tell_staff_once_not_once_per_incident()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformStandIn.Json(401, PlatformSamples.WooUnauthorized));
        await using var host = await AmendsApiHost.StartAsync(azurite, PlatformSamples.Settings(OrderSource.WooCommerce, platform.Url));

        var first = await host.DeliverAsync(SendGridPosts.Parsed(KettleMail()));
        var second = await host.DeliverAsync(SendGridPosts.Parsed(KettleMail("<second@example.it>")));
        await host.Services.GetRequiredService<OrderReading>().RetryDueAsync(Cancellation);

        var notices = (await host.Services.GetRequiredService<StaffNotices>().ListAsync(Cancellation)).Where(n => n.Kind == StaffNoticeKind.OrderLookupRefused).ToList();
        var notice = Assert.Single(notices);
        Assert.Contains("woocommerce_rest_authentication_error", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(PlatformSamples.WooSecret, notice.Text, StringComparison.Ordinal);
        foreach (var id in new[] { first.IncidentId!, second.IncidentId! })
        {
            var incident = (await host.IncidentAsync(id)).Incident;
            Assert.Equal(OrderLookupState.Pending, incident.Order?.State);
            Assert.DoesNotContain(incident.Attention ?? [], a => a.Kind is AttentionKind.OrderNotFound or AttentionKind.OrderLookupFailed);
        }
    }

    [Fact]
    public async Task The_return_label_carries_the_order_address_and_the_claim_its_delivery()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformSamples.Found(OrderSource.StoreBackend));
        await using var host = await AmendsApiHost.StartAsync(azurite, PlatformSamples.Settings(OrderSource.StoreBackend, platform.Url));
        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(KettleMail()));
        var incident = (await host.IncidentAsync(outcome.IncidentId!)).Incident;

        var labels = host.Services.GetRequiredService<ReturnLabels>();
        await labels.EnsureAsync(incident, Cancellation);
        var claim = await host.Services.GetRequiredService<CarrierClaims>().OpenAsync(incident, Cancellation);
        var view = claim.View(incident, new ClaimOptions { Deadlines = { ["BRT"] = 8 } });

        Assert.Equal(("BRT", "BRT-0001234", false), (view.Carrier, view.TrackingNumber, view.DeliveredAtAssumed));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 14, 30, 0, TimeSpan.Zero), view.Deadline);
        Assert.SkipUnless(ClaimPdf.CanRead, "poppler's pdftotext is not installed");
        var text = await ClaimPdf.TextAsync((await labels.ReadAsync(incident.Id, Cancellation))!.Pdf, Cancellation);
        Assert.Contains("Via Roma 12", text, StringComparison.Ordinal);
        Assert.Contains("40121 Bologna", text, StringComparison.Ordinal);
    }

    /// <summary>Giulia's email about order #1042: the kettle's handle broke (the order also holds mugs).</summary>
    private static MimeMessage KettleMail(string messageId = "<kettle-1042@example.it>")
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Giulia Rossi", "giulia.rossi@example.it"));
        message.To.Add(new MailboxAddress("Incidents", "incidents@shop.example"));
        message.Subject = "Order #1042: broken handle";
        message.MessageId = messageId.Trim('<', '>');
        message.Date = DateTimeOffset.UtcNow;
        message.Body = new TextPart("plain") { Text = "Hello, the kettle from order #1042 arrived with its handle broken off. Can you send a new one?\n\nGiulia" };
        return message;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>What the email incident knew, for docs/orders.md (written beside the test binaries).</summary>
    private static async Task WriteBeforeAfterAsync(OrderSource source, Incident incident, string? note)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "orders-before-after"));
        var order = incident.Order?.Details;
        var text = new StringBuilder()
            .AppendLine($"### {source}")
            .AppendLine()
            .AppendLine("| field | value |")
            .AppendLine("|---|---|")
            .AppendLine($"| customer | {incident.Customer.Name} <{incident.Customer.Email}> |")
            .AppendLine($"| order number | {incident.OrderNumber} |")
            .AppendLine($"| SKU | {incident.Sku ?? "—"} |")
            .AppendLine($"| order lines | {(order is null ? "—" : string.Join("; ", order.Lines.Select(l => $"{l.Quantity} × {l.Name} ({l.Sku}) at {l.UnitPrice:0.00}")))} |")
            .AppendLine($"| shipping address | {(order?.ShippingAddress is { } a ? string.Join(", ", a.Lines()) : "—")} |")
            .AppendLine($"| carrier, tracking | {(order is null ? "—" : $"{order.Carrier}, {order.TrackingNumber}")} |")
            .AppendLine($"| shipped, delivered | {(order is null ? "—" : $"{order.ShippedAt:yyyy-MM-dd}, {order.DeliveredAt?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "not known"}")} |")
            .AppendLine(note is null ? "" : $"\nStaff note on the timeline: \"{note}\"\n");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"{source}.md"), text.ToString(), Cancellation);
    }
}
