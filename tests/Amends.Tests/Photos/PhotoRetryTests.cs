using System.Net;
using System.Net.Http.Headers;
using Amends.Incidents;
using Amends.Photos;
using Amends.Storage;
using Amends.Tests.Fixtures;
using Amends.Tests.Inbound;
using Amends.Tests.Workflow;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Amends.Tests.Photos;

/// <summary>
/// A staff upload that failed half-way is answered 5xx and sent again: the retry finds the photo stored, and
/// must still put it on the timeline (once) and wake the workflow. Real API, real orchestration, real Azurite.
/// </summary>
public sealed class PhotoRetryTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_stored_before_the_queue_index_failed_wakes_the_workflow_and_its_retry_records_the_photo_once()
    {
        await using var host = await AmendsApiHost.StartAsync(azurite);
        var incident = await host.Workflows.OpenAsync("it");
        await host.Workflows.EmailAsync(incident.Id, "acknowledgement");
        await StaffActionWakeTests.WaitingOnItsTimerAsync(host.Workflows, incident.Id);

        // Something for the customer that only a wake-up delivers: the workflow waits on its silence timer.
        var pending = new TimelineEntry(host.Workflows.Store.NewEntryId(), TimelineEntryKind.StaffUpdate, DateTimeOffset.UtcNow,
            "We are looking at your photo.", "staff", CustomerFacing: true, Delivered: false);
        await host.Workflows.Store.AppendAsync(incident.Id, pending, Cancellation);
        var index = host.Services.GetRequiredService<StorageAccount>().Table(IncidentStore.IndexTable);
        await index.DeleteAsync(Cancellation);

        using (var failed = await UploadAsync(host, incident.Id, Photo()))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        await index.CreateIfNotExistsAsync(Cancellation);
        using (var retried = await UploadAsync(host, incident.Id, Photo()))
        {
            Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        }

        await host.Workflows.EmailAsync(incident.Id, "entry-" + pending.Id);
        Assert.Single(await host.Workflows.TimelineAsync(incident.Id), e => e.Kind == TimelineEntryKind.PhotoAdded);
        Assert.Single(host.Workflows.Emails(incident.Id), e => e.Step == "entry-" + pending.Id);
    }

    [Fact]
    public async Task A_retried_upload_records_a_photo_an_earlier_try_stored_but_never_recorded()
    {
        await using var host = await AmendsApiHost.StartAsync(azurite);
        var incident = await host.Workflows.OpenAsync("it");
        await host.Workflows.EmailAsync(incident.Id, "acknowledgement");

        // What a try that failed between storing the file and writing the timeline leaves behind.
        var photo = Photo();
        var file = Assert.Single(host.Services.GetRequiredService<PhotoChecks>().Check([new IncomingFile("kjele.jpg", "image/jpeg", photo)]).Accepted);
        await host.Services.GetRequiredService<IncidentPhotos>().SaveAsync(incident.Id, file, "api", DateTimeOffset.UtcNow, Cancellation);

        using (var retried = await UploadAsync(host, incident.Id, photo))
        {
            Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        }

        using (var again = await UploadAsync(host, incident.Id, photo))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        }

        var added = Assert.Single(await host.Workflows.TimelineAsync(incident.Id), e => e.Kind == TimelineEntryKind.PhotoAdded);
        Assert.StartsWith(file.Name + ": kjele.jpg", added.Text, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(AmendsApiHost host, string id, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "files", "kjele.jpg");
        return await host.Staff.PostAsync($"/api/v1/incidents/{id}/photos", form, Cancellation);
    }

    private static byte[] Photo()
    {
        var part = SendGridPosts.Sample("jpeg-with-gps-exif.eml").Attachments.OfType<MimePart>().Single(p => p.FileName == "kjele.jpg");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
