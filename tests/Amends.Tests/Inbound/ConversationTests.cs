using System.Net.Http.Json;
using Amends.Api;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Storage;
using Amends.Tests.Fixtures;
using MimeKit;
using MimeKit.Utils;

namespace Amends.Tests.Inbound;

/// <summary>
/// One incident, one conversation: every Message-ID received or sent is remembered, so mail naming any
/// of them joins its incident (someone else's reply-all included, flagged); the customer naming the
/// incident number joins it; a new mail from a customer with an open incident is linked for staff; and
/// every email we send stays in the customer's conversation (stable subject, In-Reply-To, References).
/// </summary>
public sealed class ConversationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ChiaraFirstMail = "CAJ9x2Lq+8mRk3vT1pZ0yQm4Wb7nHs5Fd2cE_Gk1oR6aYt3Nw@mail.gmail.com";

    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await AmendsApiHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Spouse_reply_all_to_the_customers_first_mail_joins_the_incident_flagged_someone_else_wrote()
    {
        var first = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("gmail-italian-first-mail.eml")));
        var id = first.IncidentId!;

        // Apple Mail, reply-all to Chiara's own mail: it names only her Message-ID, never one of ours.
        var spouse = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("apple-mail-spouse-reply-all.eml")));

        Assert.Equal((InboundOutcomeKind.Reply, id), (spouse.Kind, spouse.IncidentId));
        Assert.Single((await host.Workflows.Store.ListAsync(new IncidentQuery(), null, 50, Cancellation)).Items);
        var view = await host.IncidentAsync(id);
        var message = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.CustomerMessage);
        Assert.Contains("anche il paralume ha un’ammaccatura", message.Text);
        var review = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.NeedsReview);
        Assert.StartsWith("Someone else wrote: marco.conti@example.it", review.Text);
        Assert.True(view.Incident.NeedsAttention);
        Assert.Equal("chiara.conti@example.it", view.Incident.Customer.Email);
    }

    [Fact]
    public async Task Customer_naming_the_incident_number_in_the_body_joins_it()
    {
        var first = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("gmail-italian-first-mail.eml")));
        var id = first.IncidentId!;
        await host.Workflows.EmailAsync(id, "acknowledgement");

        // A new mail from Thunderbird, a new subject, no reply headers: only the number, typed in lower case.
        var again = Thunderbird("Chiara Conti", "chiara.conti@example.it", "Ancora nessuna notizia",
            $"Buongiorno,\n\nvi scrivo di nuovo per la pratica {id.ToLowerInvariant()}: il vetro non è ancora arrivato.\n\nChiara\n");
        var outcome = await host.DeliverAsync(SendGridPosts.Raw(again));

        Assert.Equal((InboundOutcomeKind.Reply, id), (outcome.Kind, outcome.IncidentId));
        Assert.Contains("il vetro non è ancora arrivato", Assert.Single((await host.IncidentAsync(id)).Timeline, e => e.Kind == TimelineEntryKind.CustomerMessage).Text);

        // Someone else quoting her number is not her: that mail opens its own incident.
        var stranger = Thunderbird("Paolo Greco", "paolo.greco@example.it", "Stesso problema",
            $"Ho lo stesso problema della pratica {id}: vetro rotto.\n");
        var other = await host.DeliverAsync(SendGridPosts.Raw(stranger));
        Assert.Equal(InboundOutcomeKind.NewIncident, other.Kind);
        Assert.NotEqual(id, other.IncidentId);
    }

    [Fact]
    public async Task New_mail_from_a_customer_with_an_open_incident_is_linked_as_a_possible_duplicate()
    {
        var first = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("gmail-italian-first-mail.eml")));
        var again = Thunderbird("Chiara Conti", "chiara.conti@example.it", "Vetro rotto",
            "Buonasera, la lampada è arrivata con il vetro rotto. Cosa devo fare?\n\nChiara Conti\n");

        var second = await host.DeliverAsync(SendGridPosts.Raw(again));

        Assert.Equal(InboundOutcomeKind.NewIncident, second.Kind);
        Assert.NotEqual(first.IncidentId, second.IncidentId);
        var newer = await host.IncidentAsync(second.IncidentId!);
        Assert.True(newer.Incident.NeedsAttention);
        Assert.Contains(newer.Timeline, e => e.Kind == TimelineEntryKind.InternalNote && e.Text!.Contains($"Possibly a duplicate", StringComparison.Ordinal) && e.Text.Contains(first.IncidentId!, StringComparison.Ordinal));
        var older = await host.IncidentAsync(first.IncidentId!);
        Assert.Contains(older.Timeline, e => e.Kind == TimelineEntryKind.InternalNote && e.Text!.Contains(second.IncidentId!, StringComparison.Ordinal));

        // Both are real mail from a real customer: both are acknowledged.
        await host.Workflows.EmailAsync(second.IncidentId!, "acknowledgement");
    }

    [Fact]
    public async Task Every_email_to_the_customer_keeps_their_subject_and_answers_their_last_mail()
    {
        var first = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("gmail-italian-first-mail.eml")));
        var id = first.IncidentId!;

        var acknowledgement = await host.Workflows.EmailAsync(id, "acknowledgement");

        var subject = $"Re: Lampada arrivata con il vetro rotto [{id}]";
        Assert.Equal(subject, acknowledgement.Subject);
        Assert.Equal(ChiaraFirstMail, acknowledgement.InReplyTo);
        Assert.Equal([ChiaraFirstMail], acknowledgement.References);

        // Her Gmail answers our acknowledgement.
        var reply = new MimeMessage();
        reply.From.Add(new MailboxAddress("Chiara Conti", "chiara.conti@example.it"));
        reply.To.Add(new MailboxAddress("Customer care", "incidents@shop.example"));
        reply.Subject = "Re: " + acknowledgement.Subject;
        reply.MessageId = "CAJ9x2LrT0kq7Vb3mN8pQ1sW5xY2zA4cE6gI8kM0oQ2sU4w@mail.gmail.com";
        reply.InReplyTo = acknowledgement.MessageId;
        reply.References.Add(ChiaraFirstMail);
        reply.References.Add(acknowledgement.MessageId);
        reply.Body = new TextPart("plain") { Text = "Grazie! Allego la foto domani.\n" };
        Assert.Equal(InboundOutcomeKind.Reply, (await host.DeliverAsync(SendGridPosts.Parsed(reply))).Kind);

        using var posted = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/updates", new StaffUpdateRequest("Il vetro nuovo parte domani."), ApiJson.Options, Cancellation);
        posted.EnsureSuccessStatusCode();
        var update = await host.Workflows.EmailAsync(id, e => e.Step.StartsWith("entry-", StringComparison.Ordinal), "the staff update");

        Assert.Equal(subject, update.Subject);
        Assert.Equal(reply.MessageId, update.InReplyTo);
        Assert.Equal([ChiaraFirstMail, acknowledgement.MessageId, reply.MessageId], update.References);
    }

    [Fact]
    public async Task Incident_created_by_the_store_keeps_our_first_subject_and_threads_on_our_first_Message_ID()
    {
        using var created = await host.Staff.PostAsJsonAsync("/api/v1/incidents",
            new { customerEmail = "ola.hansen@example.no", customerName = "Ola Hansen", language = "nb", orderNumber = "#8810", description = "Kjelen lekker." },
            ApiJson.Options, Cancellation);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<IncidentView>(ApiJson.Options, Cancellation))!.Incident.Id;
        var acknowledgement = await host.Workflows.EmailAsync(id, "acknowledgement");
        Assert.StartsWith($"[{id}] Vi har mottatt henvendelsen din", acknowledgement.Subject);
        Assert.Null(acknowledgement.InReplyTo);

        using var posted = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/updates", new StaffUpdateRequest("Ny kjele sendes i morgen."), ApiJson.Options, Cancellation);
        posted.EnsureSuccessStatusCode();
        var update = await host.Workflows.EmailAsync(id, e => e.Step.StartsWith("entry-", StringComparison.Ordinal), "the staff update");

        Assert.Equal("Re: " + acknowledgement.Subject, update.Subject);
        Assert.Equal(acknowledgement.MessageId, update.InReplyTo);
        Assert.Equal([acknowledgement.MessageId], update.References);
    }

    /// <summary>A new message as Thunderbird writes it: format=flowed plain text, 8bit, its own Message-ID.</summary>
    private static MimeMessage Thunderbird(string name, string address, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(name, address));
        message.To.Add(new MailboxAddress("", "incidents@shop.example"));
        message.Subject = subject;
        message.Date = DateTimeOffset.UtcNow;
        message.MessageId = MimeUtils.GenerateMessageId(address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..]);
        message.Headers.Add(HeaderId.UserAgent, "Mozilla Thunderbird");
        message.Headers.Add(HeaderId.ContentLanguage, "it");
        var body = new TextPart("plain") { Text = text, ContentTransferEncoding = ContentEncoding.EightBit };
        body.ContentType.Charset = "UTF-8";
        body.ContentType.Parameters.Add("format", "flowed");
        message.Body = body;
        return message;
    }
}
