using Amends.Inbound;
using Amends.Incidents;
using Amends.Storage;
using Amends.Tests.Fixtures;
using MimeKit;

namespace Amends.Tests.Inbound;

/// <summary>
/// One mail, one incident: the same email arriving again — through a store alias that adds its own
/// hops, once parsed and once raw, or without any Message-ID — is recognised as the same email.
/// </summary>
public sealed class OneMailOneIncidentTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await AmendsApiHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Same_mail_again_through_a_store_alias_with_an_extra_Received_header_is_one_incident()
    {
        var direct = SendGridPosts.Sample("outlook-customer-mail-with-auto-response-suppress.eml");
        var first = await host.DeliverAsync(SendGridPosts.Parsed(direct));

        var viaAlias = ThroughAlias(SendGridPosts.Sample("outlook-customer-mail-with-auto-response-suppress.eml"));
        var second = await host.DeliverAsync(SendGridPosts.Parsed(viaAlias));

        Assert.Equal((InboundOutcomeKind.NewIncident, first.IncidentId, true), (second.Kind, second.IncidentId, second.Duplicate));
        await AssertOneIncidentAcknowledgedOnceAsync(first.IncidentId!);
    }

    [Fact]
    public async Task Same_mail_posted_parsed_then_raw_is_one_incident()
    {
        var first = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("italian-broken-part-with-photo.eml")));
        var second = await host.DeliverAsync(SendGridPosts.Raw(ThroughAlias(SendGridPosts.Sample("italian-broken-part-with-photo.eml"))));

        Assert.Equal((first.IncidentId, true), (second.IncidentId, second.Duplicate));
        await AssertOneIncidentAcknowledgedOnceAsync(first.IncidentId!);
    }

    [Fact]
    public async Task Mail_without_a_Message_ID_is_known_again_by_its_sender_date_subject_and_body()
    {
        var original = WithoutMessageId(SendGridPosts.Sample("raw-mode-english-missing-part.eml"));
        var first = await host.DeliverAsync(SendGridPosts.Raw(original));

        var again = await host.DeliverAsync(SendGridPosts.Parsed(ThroughAlias(WithoutMessageId(SendGridPosts.Sample("raw-mode-english-missing-part.eml")))));

        Assert.Equal((first.IncidentId, true), (again.IncidentId, again.Duplicate));
        await AssertOneIncidentAcknowledgedOnceAsync(first.IncidentId!);

        // Another mail from the same sender without a Message-ID is another mail.
        var other = WithoutMessageId(SendGridPosts.Sample("raw-mode-english-missing-part.eml"));
        other.Date = other.Date.AddMinutes(5);
        var third = await host.DeliverAsync(SendGridPosts.Raw(other));
        Assert.NotEqual(first.IncidentId, third.IncidentId);
    }

    private async Task AssertOneIncidentAcknowledgedOnceAsync(string id)
    {
        await host.Workflows.EmailAsync(id, "acknowledgement");
        Assert.Single((await host.Workflows.Store.ListAsync(new IncidentQuery(), null, 50, Cancellation)).Items);
        Assert.Single((await host.IncidentAsync(id)).Timeline, e => e.Kind == TimelineEntryKind.Reported);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.Single(host.Workflows.Amends.Outbox());
    }

    /// <summary>The mail as a store's alias (info@) passes it on to the incidents address: new hops on top.</summary>
    private static MimeMessage ThroughAlias(MimeMessage message)
    {
        message.Headers.Insert(0, HeaderId.Received,
            "from mail.shop.example (mail.shop.example [198.51.100.7]) by mx.sendgrid.net with ESMTPS id 4d5e6f; Tue, 03 Nov 2026 13:12:44 +0000 (UTC)");
        message.Headers.Insert(0, "X-Forwarded-To", "incidents@shop.example");
        message.Headers.Insert(0, "X-Forwarded-For", "info@shop.example incidents@shop.example");
        message.Headers.Insert(0, "Delivered-To", "info@shop.example");
        return message;
    }

    private static MimeMessage WithoutMessageId(MimeMessage message)
    {
        message.Headers.Remove(HeaderId.MessageId);
        return message;
    }
}
