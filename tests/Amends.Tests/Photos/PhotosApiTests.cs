using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Amends.Api;
using Amends.Incidents;
using Amends.Tests.Fixtures;
using Amends.Tests.Inbound;
using ImageMagick;
using MimeKit;

namespace Amends.Tests.Photos;

/// <summary>Photos over the staff API: uploaded with the same checks as email attachments, streamed back, never public.</summary>
public sealed class PhotosApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Id = "AMD-K7M3Q9TX";
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await AmendsApiHost.StartAsync(azurite);
        await host.SeedAsync(Id, "giulia.rossi@example.it", "Giulia Rossi", "it", "#1001");
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Staff_upload_is_checked_like_an_email_attachment_and_streamed_back_without_GPS()
    {
        var gps = Attachment("jpeg-with-gps-exif.eml", "kjele.jpg");
        var executable = Attachment("jpg-that-is-an-executable.eml", "kettle.jpg");

        var upload = await UploadAsync(("kjele.jpg", "image/jpeg", gps), ("kettle.jpg", "image/jpeg", executable));

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var result = (await upload.Content.ReadFromJsonAsync<PhotoUpload>(ApiJson.Options, Cancellation))!;
        var added = Assert.Single(result.Accepted);
        Assert.Equal(("kjele.jpg", "image/jpeg", "api"), (added.FileName, added.ContentType, added.Source));
        Assert.Equal(Amends.Photos.RejectionReason.TypeNotAllowed, Assert.Single(result.Rejected).Reason);

        using var photo = await host.Staff.GetAsync(added.Url, Cancellation);
        Assert.Equal("nosniff", photo.Headers.GetValues("X-Content-Type-Options").Single());
        using var image = new MagickImage(await photo.Content.ReadAsByteArrayAsync(Cancellation));
        Assert.Null(image.GetExifProfile());

        var timeline = (await host.IncidentAsync(Id)).Timeline;
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.PhotoAdded && e.Author == "staff");
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.AttachmentRejected && e.Text!.StartsWith("TypeNotAllowed: kettle.jpg", StringComparison.Ordinal));

        // The same photo again is already there: no second photo, no second entry.
        using var again = await UploadAsync(("kjele-copy.jpg", "image/jpeg", gps));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Single((await host.IncidentAsync(Id)).Timeline, e => e.Kind == TimelineEntryKind.PhotoAdded);
        Assert.Single((await host.Staff.GetFromJsonAsync<List<PhotoView>>($"/api/v1/incidents/{Id}/photos", ApiJson.Options, Cancellation))!);
    }

    [Fact]
    public async Task Upload_with_nothing_acceptable_is_a_400_naming_each_file()
    {
        using var response = await UploadAsync(("kettle.jpg", "image/jpeg", Attachment("jpg-that-is-an-executable.eml", "kettle.jpg")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kettle.jpg: TypeNotAllowed", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task Photos_are_for_staff_only_and_names_cannot_leave_the_incident()
    {
        using var anonymous = await host.Http.GetAsync($"/api/v1/incidents/{Id}/photos", Cancellation);
        using var unknownIncident = await host.Staff.GetAsync("/api/v1/incidents/AMD-ZZZZZZZZ/photos", Cancellation);
        using var traversal = await host.Staff.GetAsync($"/api/v1/incidents/{Id}/photos/..%2F..%2Finbound-mail%2Fx", Cancellation);
        using var missing = await host.Staff.GetAsync($"/api/v1/incidents/{Id}/photos/0123456789abcdef01234567.jpg", Cancellation);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            [anonymous.StatusCode, unknownIncident.StatusCode, traversal.StatusCode, missing.StatusCode]);
    }

    private async Task<HttpResponseMessage> UploadAsync(params (string Name, string Type, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, type, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "files", name);
        }

        return await host.Staff.PostAsync($"/api/v1/incidents/{Id}/photos", form, Cancellation);
    }

    private static byte[] Attachment(string sample, string fileName)
    {
        var part = SendGridPosts.Sample(sample).Attachments.OfType<MimePart>().Single(p => p.FileName == fileName);
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
