using Amends.Inbound;
using Amends.Incidents;
using Amends.Storage;
using Amends.Tests.Fixtures;
using MimeKit;

namespace Amends.Tests.Inbound;

/// <summary>
/// Mail no person wrote — out-of-office replies from Outlook/Exchange in every language we speak,
/// delivery reports, read receipts, no-reply senders — through the real endpoint: never answered,
/// never an incident; on an incident, recorded as automatic without waking staff, except a bounce.
/// </summary>
public sealed class RobotMailTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await AmendsApiHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Outlook_out_of_office_on_an_incident_is_recorded_as_automatic_and_wakes_nobody()
    {
        await host.SeedAsync("AMD-Q7RM3K8D", "emma.clarke@example.co.uk", "Emma Clarke", "en", "#6120");

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("outlook-out-of-office-linked.eml")));

        Assert.Equal((InboundOutcomeKind.AutomaticReply, "AMD-Q7RM3K8D"), (outcome.Kind, outcome.IncidentId));
        var view = await host.IncidentAsync("AMD-Q7RM3K8D");
        var automatic = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.AutomaticReply);
        Assert.Contains("out of the office until Monday 9 November", automatic.Text);
        Assert.DoesNotContain(view.Timeline, e => e.Kind is TimelineEntryKind.CustomerMessage or TimelineEntryKind.NeedsReview);
        Assert.False(view.Incident.NeedsAttention);
        await AssertNothingSentAsync();
    }

    [Theory]
    [InlineData("outlook-out-of-office-italian.eml")]
    [InlineData("outlook-out-of-office-polish.eml")]
    [InlineData("outlook-out-of-office-norwegian.eml")]
    [InlineData("exchange-auto-reply-unknown-language.eml")]
    public async Task Outlook_out_of_office_opens_nothing_and_is_not_answered(string sample)
    {
        foreach (var post in new[] { SendGridPosts.Parsed(SendGridPosts.Sample(sample)), SendGridPosts.Raw(SendGridPosts.Sample(sample)) })
        {
            var outcome = await host.DeliverAsync(post);

            Assert.Equal((InboundOutcomeKind.AutomaticReply, null), (outcome.Kind, outcome.IncidentId));
        }

        Assert.Empty((await host.Workflows.Store.ListAsync(new IncidentQuery(), null, 50, Cancellation)).Items);
        await AssertNothingSentAsync();
    }

    [Theory]
    [InlineData("Automatic reply: Order #6120", "en")]
    [InlineData("Out of Office: Order #6120", "en")]
    [InlineData("Risposta automatica: Ordine #6120", "it")]
    [InlineData("Fuori sede: Ordine #6120", "it")]
    [InlineData("Odpowiedź automatyczna: Zamówienie #6120", "pl")]
    [InlineData("Automatisk svar: Ordre #6120", "nb")]
    [InlineData("Fraværende: Ordre #6120", "nb")]
    public async Task Out_of_office_subject_alone_gives_it_away_in_every_language(string subject, string language)
    {
        // Some relays strip Exchange's headers: the subject Outlook writes in the mailbox's language is left.
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Someone", "someone@example.org"));
        message.To.Add(new MailboxAddress("Customer care", "incidents@shop.example"));
        message.Subject = subject;
        message.Headers.Add(HeaderId.ContentLanguage, language);
        message.Body = new TextPart("plain") { Text = "I am away until 9 November." };

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(message));

        Assert.Equal((InboundOutcomeKind.AutomaticReply, null), (outcome.Kind, outcome.IncidentId));
    }

    [Fact]
    public async Task Outlook_mail_with_X_Auto_Response_Suppress_alone_is_a_customer_and_is_acknowledged()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("outlook-customer-mail-with-auto-response-suppress.eml")));

        Assert.Equal(InboundOutcomeKind.NewIncident, outcome.Kind);
        var acknowledgement = await host.Workflows.EmailAsync(outcome.IncidentId!, "acknowledgement");
        Assert.Equal("oliver.bennett@example.co.uk", acknowledgement.To);
    }

    [Fact]
    public async Task Customer_mail_redirected_by_a_store_alias_inbox_rule_is_a_customer()
    {
        // Exchange marks a rule's redirect as it marks a rule's auto-reply; only the pair with X-Auto-Response-Suppress is a robot.
        var message = SendGridPosts.Sample("raw-mode-english-missing-part.eml");
        message.Headers.Add("X-MS-Exchange-Inbox-Rules-Loop", "info@shop.example");
        message.Headers.Add("X-MS-Exchange-Generated-Message-Source", "Mailbox Rules Agent");

        var outcome = await host.DeliverAsync(SendGridPosts.Raw(message));

        Assert.Equal(InboundOutcomeKind.NewIncident, outcome.Kind);
        await host.Workflows.EmailAsync(outcome.IncidentId!, "acknowledgement");
    }

    [Fact]
    public async Task No_reply_sender_opens_nothing_and_is_not_answered()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("courier-noreply-notification.eml")));

        Assert.Equal((InboundOutcomeKind.AutomaticReply, null), (outcome.Kind, outcome.IncidentId));
        Assert.Empty((await host.Workflows.Store.ListAsync(new IncidentQuery(), null, 50, Cancellation)).Items);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Exchange_undeliverable_report_flags_its_incident_for_staff()
    {
        await host.SeedAsync("AMD-W4TN6P2R", "harriet.cole@example.co.uk", "Harriet Cole", "en", "#6301");

        var outcome = await host.DeliverAsync(SendGridPosts.Raw(SendGridPosts.Sample("exchange-undeliverable-report.eml")));

        Assert.Equal((InboundOutcomeKind.AutomaticReply, "AMD-W4TN6P2R"), (outcome.Kind, outcome.IncidentId));
        var view = await host.IncidentAsync("AMD-W4TN6P2R");
        var bounce = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.AutomaticReply);
        Assert.StartsWith("Our email bounced: ", bounce.Text);
        Assert.True(view.Incident.NeedsAttention);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task Delivery_delayed_report_is_recorded_without_alarming_staff()
    {
        await host.SeedAsync("AMD-Z8KP3M5V", "tom.hughes@example.org", "Tom Hughes", "en", "#6402");

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("gmail-delivery-delayed-report.eml")));

        Assert.Equal((InboundOutcomeKind.AutomaticReply, "AMD-Z8KP3M5V"), (outcome.Kind, outcome.IncidentId));
        var view = await host.IncidentAsync("AMD-Z8KP3M5V");
        var notice = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.AutomaticReply);
        Assert.Contains("reports no failure", notice.Text);
        Assert.False(view.Incident.NeedsAttention);
    }

    [Fact]
    public async Task Outlook_read_receipt_is_recorded_on_its_incident_and_answered_by_nobody()
    {
        await host.SeedAsync("AMD-W4TN6P2R", "harriet.cole@example.co.uk", "Harriet Cole", "en", "#6301");

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("outlook-read-receipt.eml")));

        // The receipt names our acknowledgement only in its Original-Message-ID.
        Assert.Equal((InboundOutcomeKind.AutomaticReply, "AMD-W4TN6P2R"), (outcome.Kind, outcome.IncidentId));
        var view = await host.IncidentAsync("AMD-W4TN6P2R");
        var receipt = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.AutomaticReply);
        Assert.StartsWith("Automatic reply: A read receipt", receipt.Text);
        Assert.DoesNotContain(view.Timeline, e => e.Kind == TimelineEntryKind.CustomerMessage);
        Assert.False(view.Incident.NeedsAttention);
        await AssertNothingSentAsync();
    }

    private async Task AssertNothingSentAsync()
    {
        // Give a wrongly started workflow the time it would need to acknowledge.
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.Empty(host.Workflows.Amends.Outbox());
    }
}
