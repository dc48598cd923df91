using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amends.Api;
using Amends.Erasure;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Testing;
using Amends.Tests.EndToEnd;
using Amends.Tests.Fixtures;
using Amends.Tests.Inbound;
using MimeKit;
using MimeKit.Utils;

namespace Amends.Tests.Erasure;

/// <summary>
/// Erasure end to end on the running server over Azurite: a customer with an incident by API (a staff
/// update, a resolution with costs, the apology, a satisfaction answer with a testimonial, a status
/// link) and one by email (a photo, a reply with another photo, still open with its workflow running),
/// beside another customer. After the erasure, every table and blob container of the account, and the
/// outbox, is read through for the customer's address, name and words: none is left; the reports are
/// unchanged and the other customer is untouched.
/// </summary>
public sealed partial class CustomerErasureTests(AzuriteFixture azurite)
{
    private const string InboundSecret = "erasure-inbound-secret-0123";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nothing_of_the_customer_remains_while_the_figures_and_another_customer_stay()
    {
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Amends__Silence__Limit"] = "01:00:00",
            ["Amends__InboundSecret"] = InboundSecret,
        });
        using var store = new StoreApi(server);
        var token = Token();
        var customer = new Person($"ottilie.brenn{token}@example.org", $"Ottilie Brenn{token}", $"The enamel lid of kettle {token} arrived cracked in two places.");
        var other = new Person($"bruno.kessler{Token()}@example.org", $"Bruno Kessler{Token()}", $"The toaster {Token()} never arrived.");
        var reply = $"Here is another photo of lid {token}, from the side.";
        var comment = $"Lovely people, lid {token} replaced within days.";
        var update = $"A new lid for {token} is on its way.";

        // By API: resolved with costs, apologized, answered with a testimonial; its status link opened.
        var (created, view) = await store.CreateAsync(customer.NewIncident("KETTLE-ENAMEL"), idempotencyKey: "order-erasure-" + token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var byApi = view!.Incident.Id;
        await store.WaitForEmailAsync(byApi, "acknowledgement");
        var statusLink = (await store.Http.GetFromJsonAsync<StatusLink>($"/api/v1/incidents/{byApi}/status-link", ApiJson.Options, Cancellation))!.Url;
        Assert.Equal(HttpStatusCode.OK, (await store.Http.GetAsync(new Uri(statusLink).PathAndQuery, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{byApi}/updates", new { message = update })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{byApi}/diagnosis", new { category = "Defective", responsibility = "Store" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{byApi}/resolution",
            new { type = "ReturnWithLabel", itemPrice = 49.9, shippingCost = 6.9, carrier = "GLS" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await store.Http.GetAsync($"/api/v1/incidents/{byApi}/return-label", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{byApi}/resolve", new { note = "Replacement delivered." })).StatusCode);
        var apology = await store.WaitForEmailAsync(byApi, "apology");
        await Poll.UntilTrueAsync(async () => (await store.GetAsync(byApi)).Incident.Status == IncidentStatus.Closed, "the incident to close");
        await AnswerSatisfactionAsync(store, apology, comment);

        // Another by API, refunded: a small orchestration tells the store's back end; the incident stays open.
        var (_, refundView) = await store.CreateAsync(customer.NewIncident("KETTLE-ENAMEL"));
        var refunded = refundView!.Incident.Id;
        await store.WaitForEmailAsync(refunded, "acknowledgement");
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{refunded}/resolution", new { type = "Refund", refundAmount = 29.9 })).StatusCode);
        await Poll.UntilTrueAsync(async () => (await store.GetAsync(refunded)).Timeline.Any(e => e.Text?.StartsWith("Store back end", StringComparison.Ordinal) == true), "the store back end's note");

        // By email: a photo, then a reply with another photo; it stays open, its workflow running.
        var byEmail = (await DeliverAsync(store, SendGridPosts.Parsed(customer.Email(customer.Description, Photo("italian-broken-part-with-photo.eml"), "lid.jpg")))).IncidentId!;
        var acknowledgement = await store.WaitForEmailAsync(byEmail, "acknowledgement");
        var answer = customer.Email(reply, Photo("oversized-attachment.eml"), "side.jpg");
        answer.Subject = "Re: " + Regex.Match(acknowledgement, @"^Subject: (.*)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        var joined = await DeliverAsync(store, SendGridPosts.Raw(answer));
        Assert.Equal((InboundOutcomeKind.Reply, byEmail), (joined.Kind, joined.IncidentId));
        Assert.Equal(2, (await store.Http.GetFromJsonAsync<List<JsonElement>>($"/api/v1/incidents/{byEmail}/photos", Cancellation))!.Count);

        // The other customer, open.
        var (_, otherView) = await store.CreateAsync(other.NewIncident("TOASTER-2"));
        var untouched = otherView!.Incident.Id;
        await store.WaitForEmailAsync(untouched, "acknowledgement");

        string[] needles = [customer.Address, customer.Name, customer.Description, reply, comment, update, Base64Url(customer.Address)];
        var before = await StorageScan.FindAsync(azurite.ConnectionString, needles, Cancellation);
        Assert.All(needles, n => Assert.Contains(before, f => f.StartsWith(n + " in ", StringComparison.Ordinal)));
        var reports = await ReportsAsync(store);
        string[] incidents = [byApi, refunded, byEmail];
        Assert.NotEmpty(await HistoryAsync(incidents));

        using var erase = await store.PostAsync("/api/v1/erasures", new { customerEmail = customer.Address.ToUpperInvariant(), requestedBy = "Anna (customer care)" });
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var recordText = await erase.Content.ReadAsStringAsync(Cancellation);
        var record = JsonSerializer.Deserialize<ErasureRecord>(recordText, ApiJson.Options)!;
        TestContext.Current.SendDiagnosticMessage("Erasure record: " + recordText);

        Assert.Equal("Anna (customer care)", record.RequestedBy);
        Assert.NotNull(record.CompletedAt);
        Assert.All(needles, n => Assert.DoesNotContain(n, recordText, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, record.Items.Incidents);
        Assert.Equal(2, record.Items.Photos);
        Assert.Equal(2, record.Items.RawMails);
        Assert.Equal((1, 1, 1, 1, 3), (record.Items.ReturnLabels, record.Items.SatisfactionAnswers, record.Items.Testimonials, record.Items.DiscountCodes, record.Items.StatusLinksRevoked));

        // Closing scheduled the closed incident's files for deletion (retention); the erasure dropped that.
        Assert.Equal(1, record.Items.RetentionSchedules);

        // Three incident workflows and the one that told the store of the refund.
        Assert.Equal(4, record.Items.Orchestrations);

        // Acknowledgements (3), the staff update, the resolutions (2), the apology.
        Assert.True(record.Items.OutboxEmails >= 6, $"Deleted {record.Items.OutboxEmails} outbox emails.");
        Assert.True(record.Items.IdempotencyClaims >= 3, $"Deleted {record.Items.IdempotencyClaims} claims.");
        Assert.Equal(9, record.Items.QueueIndexRows);

        Assert.Empty(await StorageScan.FindAsync(azurite.ConnectionString, needles, Cancellation));
        Assert.Empty(StorageScan.FindInFolder(server.OutboxPath, needles));
        Assert.Empty(await HistoryAsync(incidents));
        Assert.Equal(reports, await ReportsAsync(store));
        Assert.Equal(HttpStatusCode.NotFound, (await store.Http.GetAsync($"/api/v1/incidents/{byApi}", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await store.Http.GetAsync($"/api/v1/incidents/{byEmail}", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await store.Http.GetAsync($"/api/v1/incidents/{refunded}", Cancellation)).StatusCode);
        Assert.Empty((await store.Http.GetFromJsonAsync<JsonElement>($"/api/v1/incidents?customerEmail={Uri.EscapeDataString(customer.Address)}", Cancellation)).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Gone, (await store.Http.GetAsync(new Uri(statusLink).PathAndQuery, Cancellation)).StatusCode);

        // The other customer keeps everything, and their workflow still runs: a staff update reaches them.
        var kept = await store.GetAsync(untouched);
        Assert.Equal(other.Description, kept.Incident.Description);
        Assert.Equal(other.Address, kept.Incident.Customer.Email);
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{untouched}/updates", new { message = "Your toaster is found." })).StatusCode);
        Assert.Contains("Your toaster is found.", await store.WaitForEmailAsync(untouched, "entry-"));
        Assert.NotEmpty(await StorageScan.FindAsync(azurite.ConnectionString, [other.Address, other.Name, other.Description], Cancellation));

        // Asked again (a retry), it finds nothing left and records that too.
        using var again = await store.PostAsync("/api/v1/erasures", new { customerEmail = customer.Address, requestedBy = "Anna (customer care)" });
        Assert.Equal(new ErasedItems(), (await again.Content.ReadFromJsonAsync<ErasureRecord>(ApiJson.Options, Cancellation))!.Items);
        var records = (await store.Http.GetFromJsonAsync<List<ErasureRecord>>("/api/v1/erasures", ApiJson.Options, Cancellation))!;
        Assert.Equal(2, records.Count);
        Assert.Equal(record, records[1]);
    }

    /// <summary>Rows of the Durable Task hub's instance and history tables that name one of the incidents.</summary>
    private async Task<IReadOnlyList<string>> HistoryAsync(IReadOnlyList<string> incidentIds) =>
        [.. (await StorageScan.FindAsync(azurite.ConnectionString, incidentIds, Cancellation))
            .Where(f => Regex.IsMatch(f, @" in table \w+(Instances|History) \("))];

    private static async Task AnswerSatisfactionAsync(StoreApi store, string apology, string comment)
    {
        var five = new Uri(Regex.Match(apology, @"http\S+/satisfaction/\S+score=5").Value).PathAndQuery;
        var page = await store.Http.GetStringAsync(five, Cancellation);
        var formKey = Regex.Match(page, "name=\"form_key\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["score"] = "5",
            ["comment"] = comment,
            ["consent"] = "yes",
            ["form_key"] = WebUtility.HtmlDecode(formKey),
        });
        var answered = await store.Http.PostAsync(five.Split('?')[0], form, Cancellation);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    private static async Task<InboundOutcome> DeliverAsync(StoreApi store, InboundPost post)
    {
        using var content = post.ToContent();
        var response = await store.Http.PostAsync($"/api/v1/inbound/sendgrid?key={InboundSecret}", content, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<InboundOutcome>(ApiJson.Options, Cancellation))!;
    }

    private static async Task<string> ReportsAsync(StoreApi store)
    {
        StringBuilder all = new();
        foreach (var report in new[] { "top-breakages", "sku", "category", "responsibility", "carrier", "month", "response-times", "satisfaction" })
        {
            all.AppendLine(await store.Http.GetStringAsync($"/api/v1/reports/{report}", Cancellation));
        }

        return all.ToString();
    }

    private static MimePart Photo(string sample) =>
        SendGridPosts.Sample(sample).Attachments.OfType<MimePart>().First(p => p.ContentType.MediaType == "image");

    private static string Token() =>
        string.Concat(Enumerable.Range(0, 10).Select(_ => (char)('a' + RandomNumberGenerator.GetInt32(26))));

    private static string Base64Url(string address) => Convert.ToBase64String(Encoding.UTF8.GetBytes(address.ToLowerInvariant())).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record Person(string Address, string Name, string Description)
    {
        public object NewIncident(string sku) => new
        {
            customerEmail = Address,
            customerName = Name,
            language = "en",
            orderNumber = "#" + RandomNumberGenerator.GetInt32(100_000, 999_999),
            description = Description,
            sku,
        };

        public MimeMessage Email(string text, MimePart photo, string fileName)
        {
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress(Name, Address));
            message.To.Add(new MailboxAddress("Customer care", "incidents@shop.example"));
            message.Subject = "Order: broken kettle lid";
            message.MessageId = MimeUtils.GenerateMessageId("mail.example.org");
            message.Body = new Multipart("mixed")
            {
                new TextPart("plain") { Text = text },
                new MimePart("image", "jpeg") { Content = photo.Content, FileName = fileName, ContentTransferEncoding = ContentEncoding.Base64 },
            };
            return message;
        }
    }
}
