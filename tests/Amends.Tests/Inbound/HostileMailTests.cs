using System.Net;
using System.Text;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Tests.Fixtures;
using MimeKit;
using MimeKit.Utils;

namespace Amends.Tests.Inbound;

/// <summary>
/// Mail built to hurt, posted the way SendGrid posts it, through the HTTP surface onto real storage
/// and the real workflow: never a 500. Each post is archived first; mail we can read opens an
/// incident (acknowledged when it has a sender), mail we cannot is kept for staff with a 200.
/// </summary>
public sealed class HostileMailTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private InboundTestHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await InboundTestHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Two_hundred_fake_photos_in_parsed_mode_open_one_incident_that_is_acknowledged()
    {
        var message = HostileMail.From("Ola Nordmann", "ola@example.no", "Ødelagt vannkoker, ordre #3001");
        var body = new Multipart("mixed") { new TextPart("plain") { Text = "Vannkokeren kom knust. Bilder vedlagt." } };
        for (var i = 1; i <= 200; i++)
        {
            body.Add(HostileMail.FakeJpeg($"bilde-{i:D3}.jpg", i));
        }

        message.Body = body;

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(message));

        Assert.Equal(InboundOutcomeKind.NewIncident, outcome.Kind);
        var view = await host.IncidentAsync(outcome.IncidentId!);
        Assert.Contains("Vannkokeren kom knust", view.Incident.Description);
        var notRead = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.AttachmentRejected && e.Text!.Contains("were not read", StringComparison.Ordinal));
        Assert.StartsWith("TooMany: 180 more files (bilde-021.jpg", notRead.Text);
        Assert.True(view.Timeline.Count < 100, $"{view.Timeline.Count} timeline entries for one message.");
        await host.Workflows.EmailAsync(outcome.IncidentId!, "acknowledgement");
        await AssertArchivedAsync(outcome.Archive);
    }

    [Fact]
    public async Task Three_thousand_nested_parts_in_raw_mode_open_one_incident_that_is_acknowledged()
    {
        var message = HostileMail.From("Giulia Rossi", "giulia.rossi@example.it", "Bollitore rotto, ordine #1042");
        var body = new Multipart("mixed") { new TextPart("plain") { Text = "Il manico è arrivato rotto." } };
        for (var group = 0; group < 30; group++)
        {
            var nested = new Multipart("mixed");
            for (var i = 0; i < 100; i++)
            {
                nested.Add(HostileMail.FakeJpeg($"foto-{group:D2}-{i:D3}.jpg", (group * 100) + i));
            }

            body.Add(nested);
        }

        message.Body = body;

        var outcome = await host.DeliverAsync(SendGridPosts.Raw(message));

        Assert.Equal(InboundOutcomeKind.NewIncident, outcome.Kind);
        var view = await host.IncidentAsync(outcome.IncidentId!);
        Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.AttachmentRejected && e.Text!.Contains("were not read", StringComparison.Ordinal));
        Assert.True(view.Timeline.Count < 100, $"{view.Timeline.Count} timeline entries for one message.");
        await host.Workflows.EmailAsync(outcome.IncidentId!, "acknowledgement");
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("x-unknown-charset")]
    [InlineData("UTF-32BE")]
    [InlineData("utf-16")]
    [InlineData("ibm037")]
    [InlineData("\"><script>")]
    public async Task Odd_charset_in_parsed_mode_is_read_as_utf8_and_noted(string charset)
    {
        var message = HostileMail.From("Ola Nordmann", "ola@example.no", "Feil vare, ordre #3002");
        message.Body = new TextPart("plain") { Text = "Jeg fikk feil vare i pakken." };

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(message, charsetOverride: charset));

        Assert.Equal(InboundOutcomeKind.NewIncident, outcome.Kind);
        var view = await host.IncidentAsync(outcome.IncidentId!);
        Assert.True(view.Incident.NeedsAttention);
        Assert.Contains(view.Timeline, e => e.Kind == TimelineEntryKind.NeedsReview && e.Text!.Contains("charset", StringComparison.OrdinalIgnoreCase));
        await host.Workflows.EmailAsync(outcome.IncidentId!, "acknowledgement");
    }

    private async Task AssertArchivedAsync(string archive)
    {
        using var response = await host.Staff.GetAsync($"/api/v1/inbound/mail/{archive}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>Builds hostile messages with MimeKit, as a sender's program would write them.</summary>
internal static class HostileMail
{
    public static MimeMessage From(string name, string address, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(name, address));
        message.To.Add(new MailboxAddress("Customer care", "incidents@shop.example"));
        message.Subject = subject;
        message.MessageId = MimeUtils.GenerateMessageId("mail.example");
        message.Date = DateTimeOffset.UtcNow;
        return message;
    }

    /// <summary>A file that starts like a JPEG but is not one: each check must read it to find out.</summary>
    public static MimePart FakeJpeg(string fileName, int seed)
    {
        byte[] content = [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes($"not really a photo {seed}")];
        return new MimePart("image", "jpeg")
        {
            Content = new MimeContent(new MemoryStream(content)),
            FileName = fileName,
            ContentTransferEncoding = ContentEncoding.Base64,
        };
    }
}
