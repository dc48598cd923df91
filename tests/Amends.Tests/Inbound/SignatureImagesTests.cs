using Amends.Inbound;
using Amends.Photos;
using Amends.Tests.Fixtures;
using ImageMagick;
using MimeKit;
using MimeKit.Utils;

namespace Amends.Tests.Inbound;

/// <summary>Pictures of a sender's signature are not evidence; photos, pasted or attached, are.</summary>
public sealed class SignatureImagesTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(32, 32, true)]      // a social-network icon
    [InlineData(200, 80, true)]     // a company logo
    [InlineData(600, 120, true)]    // a banner
    [InlineData(1600, 1200, false)] // a photo pasted into the text
    [InlineData(640, 480, false)]   // a small photo, still a photo
    public void A_small_picture_shown_in_the_body_is_a_signature(int width, int height, bool signature)
    {
        var file = new IncomingFile("image001.png", "image/png", Picture(width, height), ShownInBody: true);

        Assert.Equal(signature, SignatureImages.IsSignature(file));
    }

    [Fact]
    public void An_attached_picture_is_evidence_however_small()
    {
        Assert.False(SignatureImages.IsSignature(new IncomingFile("label.png", "image/png", Picture(120, 60), ShownInBody: false)));
    }

    [Fact]
    public void Shown_in_the_body_means_referenced_by_cid_or_inline_with_a_content_id()
    {
        Assert.True(SignatureImages.ShownInBody("<logo@x>", null, "<img src=\"cid:logo@x\">"));
        Assert.True(SignatureImages.ShownInBody("logo@x", new ContentDisposition(ContentDisposition.Inline), null));
        Assert.False(SignatureImages.ShownInBody(null, new ContentDisposition(ContentDisposition.Inline), null));
        Assert.False(SignatureImages.ShownInBody("logo@x", new ContentDisposition(ContentDisposition.Attachment), "<p>no picture</p>"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_Outlook_mail_keeps_the_pasted_photo_and_drops_the_signature_logo_and_icons(bool raw)
    {
        await using var host = await AmendsApiHost.StartAsync(azurite);
        var message = OutlookMailWithSignature();

        var outcome = await host.DeliverAsync(raw ? SendGridPosts.Raw(message) : SendGridPosts.Parsed(message));

        var photos = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<Amends.Api.PhotoView>>(
            host.Staff, $"/api/v1/incidents/{outcome.IncidentId}/photos", Amends.Api.ApiJson.Options, Cancellation);
        Assert.Equal(["image003.jpg"], photos!.Select(p => p.FileName));
        var view = await host.IncidentAsync(outcome.IncidentId!);
        Assert.DoesNotContain(view.Timeline, e => e.Kind == Incidents.TimelineEntryKind.AttachmentRejected);
    }

    /// <summary>As Outlook sends it: multipart/related with the logo and a LinkedIn icon of the signature, and a photo pasted into the text.</summary>
    private static MimeMessage OutlookMailWithSignature()
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Tom Baker", "tom.baker@example.co.uk"));
        message.To.Add(new MailboxAddress("Incidents", "incidents@shop.example"));
        message.Subject = "Kettle lid cracked";
        message.MessageId = MimeUtils.GenerateMessageId("example.co.uk");
        var body = new BodyBuilder();
        var logo = body.LinkedResources.Add("image001.png", Picture(180, 60));
        var icon = body.LinkedResources.Add("image002.png", Picture(24, 24));
        var photo = body.LinkedResources.Add("image003.jpg", Photo(800, 600));
        foreach (var part in new[] { logo, icon, photo })
        {
            part.ContentId = MimeUtils.GenerateMessageId();
        }

        body.TextBody = "Hello,\n\nThe lid of the kettle cracked the first time I used it, photo below.\n\nKind regards,\nTom Baker\nBaker & Sons Ltd";
        body.HtmlBody = $"<p>Hello,</p><p>The lid of the kettle cracked the first time I used it, photo below.</p><p><img src=\"cid:{photo.ContentId}\"></p>"
            + $"<p>Kind regards,<br>Tom Baker<br><img src=\"cid:{logo.ContentId}\"> <img src=\"cid:{icon.ContentId}\"></p>";
        message.Body = body.ToMessageBody();
        return message;
    }

    private static byte[] Picture(int width, int height)
    {
        using var image = new MagickImage(new MagickColor("#1f6feb"), (uint)width, (uint)height) { Format = MagickFormat.Png };
        image.Draw(new ImageMagick.Drawing.Drawables().FillColor(new MagickColor("white")).Rectangle(2, 2, width / 2, height / 2));
        return image.ToByteArray();
    }

    private static byte[] Photo(int width, int height)
    {
        // Noise compresses badly, like a real photo: well over the icon size.
        using var image = new MagickImage("plasma:", (uint)width, (uint)height) { Format = MagickFormat.Jpeg, Quality = 60 };
        return image.ToByteArray();
    }
}
