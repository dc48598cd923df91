using System.Net;
using System.Text;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Tests.Fixtures;
using MimeKit;

namespace Amends.Tests.Inbound;

/// <summary>
/// Mail built to hurt, posted the way SendGrid posts it, through the HTTP surface onto real storage
/// and the real workflow: never a 500. Each post is archived first; mail we can read opens an
/// incident (acknowledged when it has a sender), mail we cannot is kept for staff with a 200.
/// </summary>
public sealed class HostileMailTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int TableTransactionLimit = 100;

    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await AmendsApiHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Two_hundred_fake_photos_in_parsed_mode_open_one_incident_that_is_acknowledged()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(HostileMail.ManyPhotos(200)));

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

    public static TheoryData<string> RawMessages =>
    [
        "nested 2,000 deep", "nested 30 deep", "10,000 headers", "a 1 MB subject", "base64 decoding to 1 MB",
        "cut off mid-photo", "boundary never used", "boundary not declared", "20,000 empty parts", "not MIME at all",
        "NUL bytes in headers and body", "utf-7 and unknown charsets",
    ];

    [Theory]
    [MemberData(nameof(RawMessages))]
    public async Task Hostile_raw_message_is_answered_200_archived_and_kept_for_staff(string what)
    {
        var raw = what switch
        {
            "nested 2,000 deep" => HostileMail.DeeplyNested(2_000),
            "nested 30 deep" => HostileMail.DeeplyNested(30),
            "10,000 headers" => HostileMail.ManyHeaders(10_000),
            "a 1 MB subject" => HostileMail.HugeSubject(1_000_000),
            "base64 decoding to 1 MB" => HostileMail.HugeBase64(1_400_000),
            "cut off mid-photo" => HostileMail.Truncated(),
            "boundary never used" => HostileMail.WrongBoundary(declared: true),
            "boundary not declared" => HostileMail.WrongBoundary(declared: false),
            "20,000 empty parts" => HostileMail.EmptyParts(20_000),
            "not MIME at all" => [0x00, 0xFF, 0xFE, .. "\r\n\r\n--\r\n"u8, 0x00],
            "NUL bytes in headers and body" => HostileMail.WithNulBytes(),
            "utf-7 and unknown charsets" => HostileMail.OddCharsets(),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var outcome = await host.DeliverAsync(SendGridPosts.Raw(null, raw));

        Assert.NotNull(outcome.IncidentId);
        var view = await host.IncidentAsync(outcome.IncidentId);
        Assert.True(view.Timeline.Count < TableTransactionLimit, $"{view.Timeline.Count} timeline entries for one message.");
        await AssertArchivedAsync(outcome.Archive);
        if (outcome.Kind == InboundOutcomeKind.NewIncident)
        {
            await host.Workflows.EmailAsync(outcome.IncidentId, "acknowledgement");
        }
        else
        {
            Assert.True(view.Incident.NeedsAttention);
        }
    }

    [Fact]
    public async Task Nul_bytes_in_parsed_fields_and_addresses_are_answered_200_and_kept_for_staff()
    {
        var post = HostileMail.Form(
            ("from", "Ola\0 Nordmann <ola\0@example.no>"),
            ("to", "incidents@shop.example\0"),
            ("subject", "Broken\0 kettle, order #3010"),
            ("text", "The lid\0 broke.\0"),
            ("headers", "Message-ID: <nul\0@mail.example>\r\nX-Nul: \0\r\n"),
            ("envelope", "{\"to\":[\"incidents@shop.example\"],\"from\":\"ola\\u0000@example.no\"}"),
            ("charsets", "{\"text\":\"utf-8\\u0000\"}"));

        var outcome = await host.DeliverAsync(post);

        var view = await host.IncidentAsync(outcome.IncidentId!);
        Assert.Equal(InboundOutcomeKind.NeedsReview, outcome.Kind);
        Assert.True(view.Incident.NeedsAttention);
        Assert.Equal("", view.Incident.Customer.Email);
        await AssertArchivedAsync(outcome.Archive);
    }

    [Fact]
    public async Task Ten_thousand_form_fields_are_answered_200_and_kept_for_staff()
    {
        var post = HostileMail.Form([.. Enumerable.Range(0, 10_000).Select(i => ($"field{i}", "x")), ("from", "ola@example.no"), ("text", "Broken.")]);

        var outcome = await host.DeliverAsync(post);

        Assert.Equal(InboundOutcomeKind.NeedsReview, outcome.Kind);
        Assert.True((await host.IncidentAsync(outcome.IncidentId!)).Incident.NeedsAttention);
        await AssertArchivedAsync(outcome.Archive);
    }

    [Fact]
    public async Task Six_hundred_attachments_in_parsed_mode_are_read_up_to_the_limit()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(HostileMail.ManyPhotos(600)));

        Assert.Equal(InboundOutcomeKind.NewIncident, outcome.Kind);
        var view = await host.IncidentAsync(outcome.IncidentId!);
        Assert.Contains(view.Timeline, e => e.Text!.StartsWith("TooMany: 580 more files", StringComparison.Ordinal));
        await host.Workflows.EmailAsync(outcome.IncidentId!, "acknowledgement");
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=declared", "--other\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\nola@example.no\r\n--other--\r\n")]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\nola@example.no")]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--b--\r\n")]
    [InlineData("multipart/form-data", "--b\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\nola@example.no\r\n--b--\r\n")]
    [InlineData("multipart/form-data; boundary=\"\"", "")]
    public async Task Malformed_or_truncated_form_is_answered_200_and_kept_for_staff(string contentType, string body)
    {
        var outcome = await host.DeliverAsync(new InboundPost(Encoding.UTF8.GetBytes(body), contentType));

        Assert.Equal(InboundOutcomeKind.NeedsReview, outcome.Kind);
        Assert.True((await host.IncidentAsync(outcome.IncidentId!)).Incident.NeedsAttention);
        await AssertArchivedAsync(outcome.Archive);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "from=ola%40example.no&text=broken")]
    [InlineData("text/plain; charset=utf-7", "+ADw-script+AD4-")]
    public async Task Post_that_is_not_multipart_at_all_is_refused_with_415(string contentType, string body)
    {
        // The route declares multipart/form-data (SendGrid only ever posts that): the router refuses the rest before the handler.
        using var response = await host.PostAsync(new InboundPost(Encoding.UTF8.GetBytes(body), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private async Task AssertArchivedAsync(string archive)
    {
        using var response = await host.Staff.GetAsync($"/api/v1/inbound/mail/{archive}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
