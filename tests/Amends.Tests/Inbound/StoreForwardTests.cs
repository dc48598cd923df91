using Amends.Inbound;
using Amends.Incidents;
using Amends.Tests.Fixtures;

namespace Amends.Tests.Inbound;

/// <summary>
/// The store's own people forwarding a customer's mail to the incidents address, from Outlook, Gmail,
/// Apple Mail and Thunderbird, in our languages: the customer is the forwarded sender, the staff member
/// is who reported it, the customer's own words are the description, and the store is never written to.
/// </summary>
public sealed class StoreForwardTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AmendsApiHost host = null!;

    public async ValueTask InitializeAsync() => host = await AmendsApiHost.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["Amends:Inbound:StoreDomains"] = "shop.example",
        ["Amends:Inbound:StoreAddresses"] = "owner@shopkeeper.example",
    });

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("outlook-italian-forward-from-the-store.eml", "luca.moretti@shop.example", "giulia.rossi@example.it", "Giulia Rossi", "it", "Il bollitore perde acqua", "perde acqua dalla base")]
    [InlineData("gmail-polish-forward-from-the-store.eml", "anna@shop.example", "pawel.kowalczyk@example.pl", "Paweł Kowalczyk", "pl", "Czajnik przestał działać", "przestał działać po dwóch dniach")]
    [InlineData("apple-mail-norwegian-forward-from-the-store.eml", "owner@shopkeeper.example", "ingrid.bjornstad@example.no", "Ingrid Bjørnstad", "nb", "Lokket på kjelen mangler", "men lokket mangler")]
    [InlineData("thunderbird-forward-from-the-store.eml", "tom@shop.example", "sam.taylor@example.co.uk", "Sam Taylor", "en", "Lid missing from the box (order #5521)", "the lid is missing")]
    [InlineData("outlook-forward-as-attachment-from-the-store.eml", "luca.moretti@shop.example", "harriet.cole@example.co.uk", "Harriet Cole", "en", "Broken lamp", "glass shade shattered")]
    public async Task Forward_from_the_store_opens_the_customers_incident_reported_by_staff(
        string sample, string staff, string customer, string name, string language, string subject, string words)
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample(sample)));

        Assert.Equal(InboundOutcomeKind.NewIncident, outcome.Kind);
        var id = outcome.IncidentId!;
        var view = await host.IncidentAsync(id);
        Assert.Equal((customer, name, language), (view.Incident.Customer.Email, view.Incident.Customer.Name, view.Incident.Customer.Language));
        Assert.Contains(words, view.Incident.Description);
        Assert.StartsWith(subject, view.Incident.Description);
        var reported = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.Reported);
        Assert.Equal("staff", reported.Author);
        Assert.Contains(view.Timeline, e => e.Kind == TimelineEntryKind.InternalNote && e.Text!.StartsWith($"Reported by {staff}", StringComparison.Ordinal));

        // The customer hears from us, in their conversation; the store's address never does.
        var acknowledgement = await host.Workflows.EmailAsync(id, "acknowledgement");
        Assert.Equal(customer, acknowledgement.To);
        Assert.Equal($"Re: {subject} [{id}]", acknowledgement.Subject);
        Assert.DoesNotContain(host.Workflows.Amends.Outbox(), e => e.To == staff);
    }

    [Fact]
    public async Task Forward_as_attachment_keeps_the_customers_photo_and_answers_their_own_mail()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Raw(SendGridPosts.Sample("outlook-forward-as-attachment-from-the-store.eml")));

        var id = outcome.IncidentId!;
        var view = await host.IncidentAsync(id);
        Assert.Contains(view.Timeline, e => e.Kind == TimelineEntryKind.PhotoAdded && e.Text!.Contains("IMG_2044.jpg", StringComparison.Ordinal));
        Assert.DoesNotContain(view.Timeline, e => e.Kind == TimelineEntryKind.AttachmentRejected);
        var acknowledgement = await host.Workflows.EmailAsync(id, "acknowledgement");
        Assert.Equal("CAH8r2Kp9mW3vX5zQ1bT7nY4cG6dJ0sF2aE8iL3oM5kR7uN@mail.gmail.com", acknowledgement.InReplyTo);
    }

    [Fact]
    public async Task Forward_without_the_customers_address_needs_review_and_nothing_is_emailed_to_the_store()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("outlook-forward-without-the-customers-address.eml")));

        Assert.Equal(InboundOutcomeKind.NeedsReview, outcome.Kind);
        var view = await host.IncidentAsync(outcome.IncidentId!);
        Assert.Equal("", view.Incident.Customer.Email);
        Assert.True(view.Incident.NeedsAttention);
        var review = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.NeedsReview);
        Assert.Contains("luca.moretti@shop.example", review.Text);
        Assert.Contains("/api/v1/inbound/mail/", review.Text);

        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Empty(host.Workflows.Amends.Outbox());
        Assert.Null(await host.Workflows.Client.GetInstanceAsync(outcome.IncidentId!, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Store_address_without_a_forward_is_never_taken_as_the_customer()
    {
        var message = SendGridPosts.Sample("raw-mode-english-missing-part.eml");
        message.From.Clear();
        message.From.Add(new MimeKit.MailboxAddress("Tom Baker", "tom@shop.example"));

        var outcome = await host.DeliverAsync(SendGridPosts.Raw(message));

        Assert.Equal(InboundOutcomeKind.NeedsReview, outcome.Kind);
        Assert.Equal("", (await host.IncidentAsync(outcome.IncidentId!)).Incident.Customer.Email);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Empty(host.Workflows.Amends.Outbox());
    }

    [Theory]
    [InlineData("owner.shop.example", "", "StoreAddresses")]
    [InlineData("Owner <owner@shop.example>", "", "StoreAddresses")]
    [InlineData("", "shop", "StoreDomains")]
    [InlineData("", "@shop.example", "StoreDomains")]
    public void Store_addresses_and_domains_are_checked_at_start(string addresses, string domains, string member)
    {
        var options = new InboundOptions { StoreAddresses = addresses, StoreDomains = domains };
        List<System.ComponentModel.DataAnnotations.ValidationResult> results = [];

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(member, Assert.Single(Assert.Single(results).MemberNames));
        Assert.True(new InboundOptions { StoreAddresses = "owner@shopkeeper.example, info@shop.example", StoreDomains = "shop.example" }.IsStoreAddress("INFO@shop.example"));
    }
}
