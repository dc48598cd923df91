using System.Net;
using System.Net.Http.Headers;
using Amends.Incidents;
using Amends.Photos;
using Amends.Tests.Fixtures;
using Amends.Tests.Inbound;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Amends.Tests.CustomerPages;

/// <summary>
/// A customer whose post on the status page failed after the photo was stored sends it again: the photo
/// joins the timeline then, once, though storage already had it.
/// </summary>
public sealed class StatusPageRetryTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_photo_stored_by_a_failed_post_joins_the_timeline_when_the_customer_sends_it_again()
    {
        await using var host = await CustomerPagesHost.StartAsync(azurite);
        var incident = await host.Workflows.OpenAsync("en");
        await host.Workflows.EmailAsync(incident.Id, "acknowledgement");
        var photo = Photo();

        // What a post that failed between storing the file and writing the timeline leaves behind.
        var file = Assert.Single(host.Services.GetRequiredService<PhotoChecks>().Check([new IncomingFile("handle.jpg", "image/jpeg", photo)]).Accepted);
        await host.Services.GetRequiredService<IncidentPhotos>().SaveAsync(incident.Id, file, "status-page", DateTimeOffset.UtcNow, Cancellation);

        var path = await host.StatusPathAsync(incident.Id);
        var (_, page) = await host.PageAsync(path);
        using (var form = Form(CustomerPagesHost.FormKey(page), photo))
        using (var sent = await host.Http.PostAsync(path, form, Cancellation))
        {
            Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        }

        (_, page) = await host.PageAsync(path);
        using (var form = Form(CustomerPagesHost.FormKey(page), photo))
        using (var again = await host.Http.PostAsync(path, form, Cancellation))
        {
            Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        }

        var added = Assert.Single(await host.Workflows.TimelineAsync(incident.Id), e => e.Kind == TimelineEntryKind.PhotoAdded);
        Assert.StartsWith(file.Name + ": handle.jpg", added.Text, StringComparison.Ordinal);
    }

    private static MultipartFormDataContent Form(string formKey, byte[] photo)
    {
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { new StringContent(formKey), "form_key" }, { new StringContent("The handle, again."), "message" }, { file, "photos", "handle.jpg" } };
    }

    private static byte[] Photo()
    {
        var part = SendGridPosts.Sample("jpeg-with-gps-exif.eml").Attachments.OfType<MimePart>().Single(p => p.FileName == "kjele.jpg");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
