using System.Net;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Storage;
using Amends.Tests.Fixtures;
using ImageMagick;
using MimeKit;

namespace Amends.Tests.Inbound;

/// <summary>
/// Customers' emails as SendGrid Inbound Parse posts them, built from the real MIME samples in
/// Inbound/Samples, through the HTTP surface onto real storage (Azurite) and the real workflow.
/// </summary>
public sealed class InboundEmailTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await AmendsApiHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Italian_customer_with_a_photo_opens_an_incident_acknowledged_in_Italian()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("italian-broken-part-with-photo.eml")));

        Assert.Equal(InboundOutcomeKind.NewIncident, outcome.Kind);
        var id = outcome.IncidentId!;
        var view = await host.IncidentAsync(id);
        Assert.Equal("giulia.rossi@example.it", view.Incident.Customer.Email);
        Assert.Equal("Giulia Rossi", view.Incident.Customer.Name);
        Assert.Equal("it", view.Incident.Customer.Language);
        Assert.Equal("#1042", view.Incident.OrderNumber);
        Assert.Equal(IncidentCategory.Defective, view.Incident.Category);
        Assert.Equal(Responsibility.Store, view.Incident.Responsibility);

        // ISO-8859-1 in the post, named in "charsets": the accents survive.
        Assert.Contains("il manico è arrivato rotto", view.Incident.Description);
        Assert.Contains("Città di Castello", view.Incident.Description);
        var photo = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.PhotoAdded);
        Assert.Contains("manico-rotto.jpg", photo.Text);

        var acknowledgement = await host.Workflows.EmailAsync(id, "acknowledgement");
        Assert.Equal($"Re: Manico del bollitore rotto - ordine #1042 [{id}]", acknowledgement.Subject);
        Assert.DoesNotContain("Non abbiamo potuto accettare", acknowledgement.Body);

        var photos = await PhotoListAsync(id);
        var stored = Assert.Single(photos);
        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.Equal("manico-rotto.jpg", stored.FileName);
        using var response = await host.Staff.GetAsync(stored.Url, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        using var image = new MagickImage(await response.Content.ReadAsByteArrayAsync(Cancellation));
        Assert.Equal(320u, image.Width);
    }

    [Fact]
    public async Task Polish_reply_by_subject_tag_joins_its_incident()
    {
        await host.SeedAsync("AMD-P2KRW4X9", "pawel.kowalczyk@example.pl", "Paweł Kowalczyk", "pl", "#2077");

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("polish-reply-by-subject-tag.eml")));

        Assert.Equal(new InboundOutcome(InboundOutcomeKind.Reply, "AMD-P2KRW4X9", outcome.Archive, Duplicate: false), outcome);
        var view = await host.IncidentAsync("AMD-P2KRW4X9");
        var message = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.CustomerMessage);
        Assert.Equal("customer", message.Author);

        // ISO-8859-2 read by its charset; our quoted acknowledgement is left out.
        Assert.Contains("pokrywka czajnika pękła w dwóch miejscach", message.Text);
        Assert.DoesNotContain("> Dzień dobry", message.Text);
        Assert.DoesNotContain(view.Timeline, e => e.Kind == TimelineEntryKind.NeedsReview);

        // The customer wrote: staff are flagged, for that reason only (nothing needs review).
        Assert.True(view.Incident.NeedsAttention);
        Assert.Equal([AttentionKind.CustomerMessage], view.Incident.Attention!.Select(r => r.Kind));
        Assert.Single(await host.Workflows.Store.ListAsync(new IncidentQuery(), null, 50, Cancellation) is { } page ? page.Items : []);
    }

    [Fact]
    public async Task Norwegian_reply_by_In_Reply_To_joins_its_incident()
    {
        await host.SeedAsync("AMD-N4RW8B2T", "ingrid.bjornstad@example.no", "Ingrid Bjørnstad", "nb", "#3150");

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("norwegian-reply-by-in-reply-to.eml")));

        Assert.Equal(InboundOutcomeKind.Reply, outcome.Kind);
        Assert.Equal("AMD-N4RW8B2T", outcome.IncidentId);
        var message = Assert.Single((await host.IncidentAsync("AMD-N4RW8B2T")).Timeline, e => e.Kind == TimelineEntryKind.CustomerMessage);
        Assert.Contains("Lokket på kjelen mangler fortsatt – jeg har sjekket hele esken", message.Text);
    }

    [Fact]
    public async Task Auto_reply_is_recorded_on_its_incident_and_answered_by_nobody()
    {
        await host.SeedAsync("AMD-B8XT2M6Q", "marco.bianchi@example.it", "Marco Bianchi", "it", "#1187");

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("auto-reply.eml")));

        Assert.Equal(InboundOutcomeKind.AutomaticReply, outcome.Kind);
        Assert.Equal("AMD-B8XT2M6Q", outcome.IncidentId);
        var view = await host.IncidentAsync("AMD-B8XT2M6Q");
        var automatic = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.AutomaticReply);
        Assert.StartsWith("Automatic reply: Auto-Submitted: auto-replied.", automatic.Text);
        Assert.DoesNotContain(view.Timeline, e => e.Kind == TimelineEntryKind.CustomerMessage);
        Assert.False(view.Incident.NeedsAttention);
        await AssertNothingSentAsync("AMD-B8XT2M6Q");
    }

    [Fact]
    public async Task Bounce_is_recorded_on_its_incident_and_flags_it_for_staff()
    {
        await host.SeedAsync("AMD-H3CV7W5Z", "sam.taylor@example.co.uk", "Sam Taylor", "en", "#4410");

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("bounce.eml")));

        // The bounce names the incident only inside the returned headers of our acknowledgement.
        Assert.Equal(InboundOutcomeKind.AutomaticReply, outcome.Kind);
        Assert.Equal("AMD-H3CV7W5Z", outcome.IncidentId);
        var view = await host.IncidentAsync("AMD-H3CV7W5Z");
        var bounce = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.AutomaticReply);
        Assert.StartsWith("Our email bounced: A delivery status report (multipart/report): delivery failed.", bounce.Text);
        Assert.True(view.Incident.NeedsAttention);
        await AssertNothingSentAsync("AMD-H3CV7W5Z");
    }

    [Fact]
    public async Task German_customer_is_classified_and_answered_in_German()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Raw(SendGridPosts.Sample("german-damaged-parcel.eml")));

        var id = outcome.IncidentId!;
        var view = await host.IncidentAsync(id);
        Assert.Equal(("de", "4711-22", IncidentCategory.DamagedInTransit, Responsibility.Carrier),
            (view.Incident.Customer.Language, view.Incident.OrderNumber, view.Incident.Category, view.Incident.Responsibility));
        var acknowledgement = await host.Workflows.EmailAsync(id, "acknowledgement");
        Assert.Contains("Guten Tag Jonas Becker,", acknowledgement.Body);
        Assert.Contains($"Ihre Vorgangsnummer lautet {id}", acknowledgement.Body);
        Assert.Contains("Sie hören spätestens am ", acknowledgement.Body);
    }

    [Fact]
    public async Task Raw_mode_post_is_read_with_MimeKit()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Raw(SendGridPosts.Sample("raw-mode-english-missing-part.eml")));

        Assert.Equal(InboundOutcomeKind.NewIncident, outcome.Kind);
        var view = await host.IncidentAsync(outcome.IncidentId!);
        Assert.Equal(("sam.taylor@example.co.uk", "en", "#5521", IncidentCategory.MissingPart),
            (view.Incident.Customer.Email, view.Incident.Customer.Language, view.Incident.OrderNumber, view.Incident.Category));
        var photo = Assert.Single(await PhotoListAsync(outcome.IncidentId!));
        Assert.Equal(("box-contents.png", "image/png"), (photo.FileName, photo.ContentType));
        var acknowledgement = await host.Workflows.EmailAsync(outcome.IncidentId!, "acknowledgement");
        Assert.Equal($"Re: Lid missing from the box (order #5521) [{outcome.IncidentId}]", acknowledgement.Subject);
    }

    [Fact]
    public async Task Oversized_attachment_is_refused_and_named_in_the_acknowledgement()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("oversized-attachment.eml")));

        var id = outcome.IncidentId!;
        var view = await host.IncidentAsync(id);
        Assert.Equal((IncidentCategory.DamagedInTransit, Responsibility.Carrier, "pl", "3391"),
            (view.Incident.Category, view.Incident.Responsibility, view.Incident.Customer.Language, view.Incident.OrderNumber));
        var refused = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.AttachmentRejected);
        Assert.StartsWith("TooLarge: paczka-cala.jpg — ", refused.Text);
        Assert.Equal("czajnik.jpg", Assert.Single(await PhotoListAsync(id)).FileName);

        var acknowledgement = await host.Workflows.EmailAsync(id, "acknowledgement");
        Assert.Contains("Nie mogliśmy przyjąć tych załączników:\n- paczka-cala.jpg: jest większy niż 97 KB, czyli limit dla jednego pliku.", acknowledgement.Body);
    }

    [Fact]
    public async Task Jpg_that_is_an_executable_is_refused_by_its_content()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("jpg-that-is-an-executable.eml")));

        var id = outcome.IncidentId!;
        var view = await host.IncidentAsync(id);
        Assert.Equal(IncidentCategory.NotAsDescribed, view.Incident.Category);
        var refused = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.AttachmentRejected);
        Assert.StartsWith("TypeNotAllowed: kettle.jpg — Its content is application/x-msdownload (declared image/jpeg)", refused.Text);
        Assert.Empty(await PhotoListAsync(id));

        var acknowledgement = await host.Workflows.EmailAsync(id, "acknowledgement");
        Assert.Contains("We could not accept these attachments:\n- kettle.jpg: it is not a kind of file we accept", acknowledgement.Body);
    }

    [Fact]
    public async Task GPS_and_EXIF_are_stripped_before_the_photo_is_stored()
    {
        var sample = SendGridPosts.Sample("jpeg-with-gps-exif.eml");
        using (var original = new MagickImage(Bytes(sample.Attachments.OfType<MimePart>().Single())))
        {
            Assert.NotNull(original.GetExifProfile()?.GetValue(ExifTag.GPSLatitude));
        }

        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(sample));

        Assert.Equal(IncidentCategory.WrongItem, (await host.IncidentAsync(outcome.IncidentId!)).Incident.Category);
        var photo = Assert.Single(await PhotoListAsync(outcome.IncidentId!));
        var bytes = await host.Staff.GetByteArrayAsync(photo.Url, Cancellation);
        using var stored = new MagickImage(bytes);
        Assert.Null(stored.GetExifProfile());
        Assert.Null(stored.GetXmpProfile());
        Assert.Equal((300u, 400u), (stored.Width, stored.Height));
        Assert.DoesNotContain("Pixel 9"u8.ToArray(), Slices(bytes, 7));
    }

    [Fact]
    public async Task Same_post_three_times_makes_one_incident_and_one_timeline_entry()
    {
        var post = SendGridPosts.Parsed(SendGridPosts.Sample("italian-broken-part-with-photo.eml"));

        var outcomes = new List<InboundOutcome>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await host.DeliverAsync(post));
        }

        Assert.Single(outcomes.Select(o => o.IncidentId).Distinct());
        Assert.Equal([false, true, true], outcomes.Select(o => o.Duplicate));
        var id = outcomes[0].IncidentId!;
        await host.Workflows.EmailAsync(id, "acknowledgement");
        var page = await host.Workflows.Store.ListAsync(new IncidentQuery(), null, 50, Cancellation);
        Assert.Single(page.Items);
        var timeline = (await host.IncidentAsync(id)).Timeline;
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.Reported);
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.PhotoAdded);
        Assert.Single(await PhotoListAsync(id));
        Assert.Single(host.Workflows.Emails(id));

        // The same message re-posted with a different multipart boundary (as a retry may be) is still the same message.
        var again = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("italian-broken-part-with-photo.eml")));
        Assert.Equal((id, true), (again.IncidentId, again.Duplicate));
    }

    [Fact]
    public async Task Same_reply_three_times_is_one_message_on_the_timeline()
    {
        await host.SeedAsync("AMD-P2KRW4X9", "pawel.kowalczyk@example.pl", "Paweł Kowalczyk", "pl", "#2077");
        var post = SendGridPosts.Parsed(SendGridPosts.Sample("polish-reply-by-subject-tag.eml"));

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.DeliverAsync(post)));

        Assert.Single((await host.IncidentAsync("AMD-P2KRW4X9")).Timeline, e => e.Kind == TimelineEntryKind.CustomerMessage);
    }

    [Fact]
    public async Task Unauthenticated_post_gets_401_and_nothing_is_stored()
    {
        var post = SendGridPosts.Parsed(SendGridPosts.Sample("italian-broken-part-with-photo.eml"));

        using var wrongKey = await host.PostAsync(post, key: "not-the-secret-at-all-0123456789");
        using var noKey = await host.PostAsync(post, key: null);
        using var staffKeyInstead = await host.Staff.PostAsync("/api/v1/inbound/sendgrid", post.ToContent(), Cancellation);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            [wrongKey.StatusCode, noKey.StatusCode, staffKeyInstead.StatusCode]);
        Assert.Equal("application/problem+json", wrongKey.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await host.Workflows.Store.ListAsync(new IncidentQuery(), null, 50, Cancellation)).Items);
    }

    [Fact]
    public async Task Oversized_post_gets_413()
    {
        var huge = new MimeMessage();
        huge.From.Add(new MailboxAddress("Big", "big@example.com"));
        huge.To.Add(new MailboxAddress("", "incidents@shop.example"));
        huge.Subject = "Large";
        huge.Body = new TextPart("plain") { Text = new string('x', 2_100_000) };

        using var response = await host.PostAsync(SendGridPosts.Raw(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty((await host.Workflows.Store.ListAsync(new IncidentQuery(), null, 50, Cancellation)).Items);
    }

    [Fact]
    public async Task Malformed_post_is_kept_for_review_with_the_raw_mail_one_click_away()
    {
        var post = SendGridPosts.Malformed();

        var outcome = await host.DeliverAsync(post);

        Assert.Equal(InboundOutcomeKind.NeedsReview, outcome.Kind);
        var view = await host.IncidentAsync(outcome.IncidentId!);
        Assert.True(view.Incident.NeedsAttention);
        var review = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.NeedsReview);
        Assert.Contains("The multipart body is malformed", review.Text);
        var text = review.Text!;
        var link = text[text.IndexOf("/api/v1/inbound/mail/", StringComparison.Ordinal)..];
        Assert.Equal(post.Body, await host.Staff.GetByteArrayAsync(link, Cancellation));
        using var withoutKey = await host.Http.GetAsync(link, Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);

        // Nobody to write to: no workflow, no email.
        await AssertNothingSentAsync(outcome.IncidentId!);
        Assert.Equal(outcome.IncidentId, (await host.DeliverAsync(post)).IncidentId);
    }

    [Fact]
    public async Task Broken_raw_MIME_is_kept_for_review()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Raw(null, [0x00, 0x01, 0x02, 0xFF, 0xFE]));

        Assert.Equal(InboundOutcomeKind.NeedsReview, outcome.Kind);
        var review = Assert.Single((await host.IncidentAsync(outcome.IncidentId!)).Timeline, e => e.Kind == TimelineEntryKind.NeedsReview);
        Assert.Contains("raw MIME message cannot be parsed", review.Text);
    }

    [Fact]
    public async Task Unknown_charset_is_read_as_well_as_possible_and_flagged_for_review()
    {
        var outcome = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("raw-mode-english-missing-part.eml"), charsetOverride: "x-klingon-7"));

        Assert.Equal(InboundOutcomeKind.NewIncident, outcome.Kind);
        var view = await host.IncidentAsync(outcome.IncidentId!);
        Assert.True(view.Incident.NeedsAttention);
        Assert.Contains("the lid is missing", view.Incident.Description);
        var review = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.NeedsReview);
        Assert.Contains("Unknown charset 'x-klingon-7' for the text field", review.Text);

        // The customer wrote legibly enough to be acknowledged.
        await host.Workflows.EmailAsync(outcome.IncidentId!, "acknowledgement");
    }

    private async Task<IReadOnlyList<Amends.Api.PhotoView>> PhotoListAsync(string id) =>
        (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<Amends.Api.PhotoView>>(
            host.Staff, $"/api/v1/incidents/{id}/photos", Amends.Api.ApiJson.Options, Cancellation))!;

    private async Task AssertNothingSentAsync(string id)
    {
        // Give a wrongly started workflow the time it would need to acknowledge.
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.Empty(host.Workflows.Emails(id));
        Assert.Null(await host.Workflows.Client.GetInstanceAsync(id, Cancellation));
    }

    private static byte[] Bytes(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    private static IEnumerable<byte[]> Slices(byte[] bytes, int length) =>
        Enumerable.Range(0, Math.Max(0, bytes.Length - length + 1)).Select(i => bytes[i..(i + length)]);
}
