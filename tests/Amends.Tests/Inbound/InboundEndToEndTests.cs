using System.Diagnostics;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Tests.Fixtures;
using MimeKit;
using MimeKit.Utils;

namespace Amends.Tests.Inbound;

/// <summary>
/// The email channel end to end on the HTTP surface: a customer's email in, the acknowledgement out
/// (read back from the outbox with MimeKit), the customer's reply by email onto the same incident,
/// where staff see it.
/// </summary>
public sealed class InboundEndToEndTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Email_in_acknowledgement_out_and_the_reply_by_email_joins_the_incident()
    {
        await using var host = await AmendsApiHost.StartAsync(azurite);
        var stopwatch = Stopwatch.StartNew();

        var reported = await host.DeliverAsync(SendGridPosts.Parsed(SendGridPosts.Sample("italian-broken-part-with-photo.eml")));
        var id = reported.IncidentId!;
        var acknowledgement = await host.Workflows.EmailAsync(id, "acknowledgement");
        TestContext.Current.SendDiagnosticMessage($"Post to acknowledgement in the outbox: {stopwatch.ElapsedMilliseconds} ms.");

        Assert.Equal("giulia.rossi@example.it", acknowledgement.To);
        Assert.Equal($"Re: Manico del bollitore rotto - ordine #1042 [{id}]", acknowledgement.Subject);
        Assert.Matches(@" \[AMD-[0-9A-Z]{8}\]$", acknowledgement.Subject);

        // Her mail client answers our acknowledgement: "Re:" subject, In-Reply-To our Message-ID, the quote below.
        var reply = new MimeMessage();
        reply.From.Add(new MailboxAddress("Giulia Rossi", "giulia.rossi@example.it"));
        reply.To.Add(new MailboxAddress("Customer care", "incidents@shop.example"));
        reply.Subject = "Re: " + acknowledgement.Subject;
        reply.MessageId = MimeUtils.GenerateMessageId("mail.example.it");
        reply.InReplyTo = acknowledgement.MessageId;
        reply.References.Add(acknowledgement.MessageId);
        var photo = SendGridPosts.Sample("oversized-attachment.eml").Attachments.OfType<MimePart>().Single(p => p.FileName == "czajnik.jpg");
        reply.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Grazie per la risposta veloce! Allego un'altra foto: si vede la crepa alla base del manico.\n\nIl giorno 3 nov 2026, Customer care ha scritto:\n> Gentile Giulia Rossi,\n> grazie per avercelo fatto sapere.\n" },
            new MimePart("image", "jpeg") { Content = photo.Content, FileName = "crepa.jpg", ContentTransferEncoding = ContentEncoding.Base64 },
        };

        var replied = await host.DeliverAsync(SendGridPosts.Raw(reply));

        Assert.Equal((InboundOutcomeKind.Reply, id), (replied.Kind, replied.IncidentId));
        var view = await host.IncidentAsync(id);
        var message = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.CustomerMessage);
        Assert.Contains("si vede la crepa alla base del manico", message.Text);
        Assert.DoesNotContain("> Gentile", message.Text);
        Assert.Equal(2, view.Timeline.Count(e => e.Kind == TimelineEntryKind.PhotoAdded));
        Assert.Equal(IncidentStatus.Open, view.Incident.Status);
        Assert.Equal([AttentionKind.CustomerMessage], view.Incident.Attention!.Select(r => r.Kind));

        // A reply is not acknowledged again: one email so far.
        await Task.Delay(TimeSpan.FromMilliseconds(500), Cancellation);
        Assert.Single(host.Workflows.Emails(id));
    }
}
