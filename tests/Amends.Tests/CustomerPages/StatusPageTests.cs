using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Amends.Api;
using Amends.Email;
using Amends.Incidents;
using Amends.Tests.Fixtures;
using Amends.Tests.Inbound;
using MimeKit;

namespace Amends.Tests.CustomerPages;

/// <summary>
/// The customer's status page through the real app: reached from the link in their emails, in their
/// language, showing what they were told (never what staff keep to themselves), taking a message and
/// photos with the email checks, and refusing links we did not make or no longer honour.
/// </summary>
public sealed class StatusPageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string SecretNote = "Supplier batch 7 is faulty; do not tell the customer.";
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await CustomerPagesHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_acknowledgement_carries_a_link_to_a_page_with_what_the_customer_was_told_only()
    {
        var incident = await host.Workflows.OpenAsync("en");
        var acknowledgement = await host.Workflows.EmailAsync(incident.Id, "acknowledgement");
        var path = Assert.Single(CustomerPagesHost.PagePaths(acknowledgement.Body, "status"));
        await host.Workflows.Staff.AddNoteAsync(incident.Id, SecretNote, Cancellation);
        await host.Workflows.Staff.DiagnoseAsync(incident.Id, IncidentCategory.DamagedInTransit, Responsibility.Carrier, Cancellation);
        await host.Workflows.Staff.PostUpdateAsync(incident.Id, "Your new kettle leaves our warehouse on Monday.", host.Workflows.Client, Cancellation);
        await host.Workflows.Staff.ChooseResolutionAsync(incident.Id,
            new Resolution(ResolutionType.Replacement, ReplacementCost: 40, TrackingNumber: "JD014600006281234", Note: "Keep the broken one."), host.Workflows.Client, Cancellation);
        var contact = (await host.Workflows.IncidentAsync(incident.Id)).LastCustomerContactAt;

        var (status, html) = await host.PageAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains($"Your incident {incident.Id}", html, StringComparison.Ordinal);
        Assert.Contains("#1001", html, StringComparison.Ordinal);
        Assert.Contains("Il manico del bollitore è arrivato rotto.", html, StringComparison.Ordinal);
        Assert.Contains("We confirmed that we received your report", html, StringComparison.Ordinal);
        Assert.Contains("Your new kettle leaves our warehouse on Monday.", html, StringComparison.Ordinal);
        Assert.Contains("We are sending you a replacement.", html, StringComparison.Ordinal);
        Assert.Contains("Keep the broken one.", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"tracking\">JD014600006281234</dd>", html, StringComparison.Ordinal);
        var limit = TimeSpan.FromMinutes(10);
        Assert.Contains($"You will hear from us by {CustomerMailer.FormatDate(contact + limit, "en")} at the latest.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretNote, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Carrier", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Category", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("<label for=\"message\">[^<]+</label>", html);
        Assert.Matches("<label for=\"photos\">[^<]+</label>", html);
    }

    [Theory]
    [InlineData("it", ResolutionType.Refund, "Importo", "49,90\u00a0€")]
    [InlineData("nb", ResolutionType.StoreCredit, "Beløp", "€\u00a049,90")]
    [InlineData("en", ResolutionType.Refund, "Amount", "€49.90")]
    public async Task The_page_shows_the_amount_given_back_in_the_stores_currency(string language, ResolutionType type, string label, string amount)
    {
        var incident = await host.Workflows.OpenAsync(language);
        await host.Workflows.Staff.ChooseResolutionAsync(incident.Id, new Resolution(type, RefundAmount: 49.90m), host.Workflows.Client, Cancellation);

        var (status, html) = await host.PageAsync(await host.StatusPathAsync(incident.Id));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<dt>{label}</dt><dd id=\"amount\">{amount}</dd>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Your incident", "You will hear from us by {0} at the latest.", "Send us a message or photos")]
    [InlineData("it", "La sua pratica", "Avrà nostre notizie entro {0}.", "Ci invii un messaggio o delle foto")]
    [InlineData("pl", "Zgłoszenie", "Odezwiemy się najpóźniej do {0}.", "Wyślij nam wiadomość lub zdjęcia")]
    [InlineData("nb", "Saken din", "Du hører fra oss senest {0}.", "Send oss en melding eller bilder")]
    [InlineData("de", "Ihr Vorgang", "Sie hören spätestens am {0} von uns.", "Senden Sie uns eine Nachricht oder Fotos")]
    public async Task The_page_speaks_the_customers_language(string language, string title, string nextUpdate, string form)
    {
        var incident = await host.SeedAsync(Amends.Incidents.IncidentNumber.New(), "kunde@example.com", "Kari Nordmann", language, "#2002");

        var (status, html) = await host.PageAsync(await host.StatusPathAsync(incident.Id));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains($"{title} {incident.Id}", html, StringComparison.Ordinal);
        var due = CustomerMailer.FormatDate(incident.LastCustomerContactAt + TimeSpan.FromMinutes(10), language);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, nextUpdate, due), html, StringComparison.Ordinal);
        Assert.Contains(form, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_with_a_photo_joins_the_timeline_flags_staff_and_leaves_the_silence_clock_alone()
    {
        var incident = await host.Workflows.OpenAsync("en");
        await host.Workflows.EmailAsync(incident.Id, "acknowledgement");
        // The email is in the outbox before the step records the contact: read the incident once it has.
        await host.Workflows.EntryAsync(incident.Id, e => e is { Kind: TimelineEntryKind.Acknowledged, Delivered: true }, "the acknowledgement recorded as delivered");
        var before = await host.Workflows.IncidentAsync(incident.Id);
        var path = await host.StatusPathAsync(incident.Id);
        var (_, page) = await host.PageAsync(path);

        using var response = await PostAsync(path, CustomerPagesHost.FormKey(page), "Here is the broken handle.", ("handle.jpg", "image/jpeg", Photo("jpeg-with-gps-exif.eml", "kjele.jpg")));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(path + "?sent=1", response.Headers.Location?.OriginalString);
        var after = await host.Workflows.IncidentAsync(incident.Id);
        Assert.True(after.NeedsAttention);
        Assert.Equal(before.LastCustomerContactAt, after.LastCustomerContactAt);
        var timeline = await host.Workflows.TimelineAsync(incident.Id);
        Assert.Single(timeline, e => e is { Kind: TimelineEntryKind.CustomerMessage, Author: "customer", Text: "Here is the broken handle." });
        Assert.Single(timeline, e => e is { Kind: TimelineEntryKind.PhotoAdded, Author: "customer" } && e.Text!.Contains("handle.jpg", StringComparison.Ordinal));
        var photo = Assert.Single((await host.Staff.GetFromJsonAsync<List<PhotoView>>($"/api/v1/incidents/{incident.Id}/photos", ApiJson.Options, Cancellation))!);
        Assert.Equal(("handle.jpg", "image/jpeg", "status-page"), (photo.FileName, photo.ContentType, photo.Source));

        var (status, thanks) = await host.PageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Thank you: we have received it", thanks, StringComparison.Ordinal);
        Assert.Contains("You wrote to us", thanks, StringComparison.Ordinal);
        Assert.Contains("Here is the broken handle.", thanks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fake_photo_is_refused_with_its_reason_and_nothing_is_kept()
    {
        var incident = await host.SeedAsync(Amends.Incidents.IncidentNumber.New(), "giulia.rossi@example.it", "Giulia Rossi", "it", "#1001");
        var path = await host.StatusPathAsync(incident.Id);
        var (_, page) = await host.PageAsync(path);

        using var response = await PostAsync(path, CustomerPagesHost.FormKey(page), "Ecco la foto.", ("kettle.jpg", "image/jpeg", Photo("jpg-that-is-an-executable.eml", "kettle.jpg")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("kettle.jpg: non è un tipo di file che accettiamo", html, StringComparison.Ordinal);
        Assert.Contains(">Ecco la foto.</textarea>", html, StringComparison.Ordinal);
        var timeline = await host.Workflows.TimelineAsync(incident.Id);
        Assert.DoesNotContain(timeline, e => e.Kind is TimelineEntryKind.CustomerMessage or TimelineEntryKind.PhotoAdded or TimelineEntryKind.AttachmentRejected);
        Assert.False((await host.Workflows.IncidentAsync(incident.Id)).NeedsAttention);
    }

    [Fact]
    public async Task Bad_form_input_gets_the_page_again_with_what_is_wrong_never_a_500()
    {
        var incident = await host.SeedAsync(Amends.Incidents.IncidentNumber.New(), "anna@example.com", "Anna Smith", "en", "#3003");
        var path = await host.StatusPathAsync(incident.Id);
        var (_, page) = await host.PageAsync(path);
        var key = CustomerPagesHost.FormKey(page);

        using var empty = await PostAsync(path, key, "");
        using var noKey = await PostAsync(path, null, "Hello");
        using var wrongKey = await PostAsync(path, key[..^2] + "xx", "Hello");
        using var tooLong = await PostAsync(path, key, new string('a', 5001));
        using var urlEncoded = await host.Http.PostAsync(path, new FormUrlEncodedContent([new("message", "Hello"), new("form_key", key)]), Cancellation);
        using var malformed = await host.Http.PostAsync(path, new StringContent("--x\r\nnonsense", System.Text.Encoding.UTF8, "multipart/form-data"), Cancellation);
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, path) { Content = Form(key, "Hello") };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var fromAnotherSite = await host.Http.SendAsync(crossSite, Cancellation);
        using var tooLarge = await PostAsync(path, key, "Big", ("big.jpg", "image/jpeg", new byte[1_500_000]));

        foreach (var (response, says) in new[]
        {
            (empty, "Please write a message or choose a photo."),
            (noKey, "Please reload the page and try again."),
            (wrongKey, "Please reload the page and try again."),
            (tooLong, "at most 5000 characters"),
            (urlEncoded, "Please reload the page and try again."),
            (malformed, "Please reload the page and try again."),
            (fromAnotherSite, "Please reload the page and try again."),
            (tooLarge, "Together your files are larger than"),
        })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(says, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation)), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(await host.Workflows.TimelineAsync(incident.Id), e => e.Kind == TimelineEntryKind.CustomerMessage);
    }

    [Fact]
    public async Task A_tampered_or_revoked_link_gets_a_plain_page_and_the_next_email_carries_the_new_link()
    {
        var incident = await host.Workflows.OpenAsync("en");
        var acknowledgement = await host.Workflows.EmailAsync(incident.Id, "acknowledgement");
        var old = Assert.Single(CustomerPagesHost.PagePaths(acknowledgement.Body, "status"));
        var tampered = old.Replace(incident.Id, Amends.Incidents.IncidentNumber.New(), StringComparison.Ordinal);

        var (unknown, refusal) = await host.PageAsync(tampered);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("<html lang=\"en\">", refusal, StringComparison.Ordinal);
        Assert.Contains("This link does not work", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(incident.Id, refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.PageAsync("/status/nonsense")).Status);
        using var postTampered = await PostAsync(tampered, "key", "Hello");
        Assert.Equal(HttpStatusCode.NotFound, postTampered.StatusCode);

        using var revoke = await host.Staff.PostAsync($"/api/v1/incidents/{incident.Id}/status-link/revoke", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var fresh = new Uri((await revoke.Content.ReadFromJsonAsync<StatusLink>(ApiJson.Options, Cancellation))!.Url).PathAndQuery;

        var (revoked, gone) = await host.PageAsync(old);
        Assert.Equal(HttpStatusCode.Gone, revoked);
        Assert.Contains("This link does not work", gone, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.PageAsync(fresh)).Status);

        await host.Workflows.Staff.PostUpdateAsync(incident.Id, "We found your parcel.", host.Workflows.Client, Cancellation);
        var update = await host.Workflows.EmailAsync(incident.Id, e => e.Body.Contains("We found your parcel.", StringComparison.Ordinal), "the staff update");
        Assert.Equal(fresh, Assert.Single(CustomerPagesHost.PagePaths(update.Body, "status")));
    }

    [Fact]
    public async Task Status_links_are_for_staff_and_for_incidents_that_exist()
    {
        var incident = await host.SeedAsync(Amends.Incidents.IncidentNumber.New(), "anna@example.com", "Anna Smith", "en", "#3003");

        using var anonymous = await host.Http.GetAsync($"/api/v1/incidents/{incident.Id}/status-link", Cancellation);
        using var anonymousRevoke = await host.Http.PostAsync($"/api/v1/incidents/{incident.Id}/status-link/revoke", null, Cancellation);
        using var missing = await host.Staff.GetAsync("/api/v1/incidents/AMD-ZZZZZZZZ/status-link", Cancellation);
        using var missingRevoke = await host.Staff.PostAsync("/api/v1/incidents/AMD-ZZZZZZZZ/status-link/revoke", null, Cancellation);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            [anonymous.StatusCode, anonymousRevoke.StatusCode, missing.StatusCode, missingRevoke.StatusCode]);
    }

    [Fact]
    public async Task Pages_are_not_cached_indexed_framed_or_sent_on_as_referrer()
    {
        var incident = await host.SeedAsync(Amends.Incidents.IncidentNumber.New(), "anna@example.com", "Anna Smith", "en", "#3003");

        using var response = await host.Http.GetAsync(await host.StatusPathAsync(incident.Id), Cancellation);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string? formKey, string message, params (string Name, string Type, byte[] Content)[] files)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Form(formKey, message, files) };
        return await host.Http.SendAsync(request, Cancellation);
    }

    private static MultipartFormDataContent Form(string? formKey, string message, params (string Name, string Type, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        if (formKey is not null)
        {
            form.Add(new StringContent(formKey), "form_key");
        }

        form.Add(new StringContent(message), "message");
        foreach (var (name, type, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "photos", name);
        }

        // As a browser sends a file input left empty.
        if (files.Length == 0)
        {
            var nothing = new ByteArrayContent([]);
            nothing.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(nothing, "photos", "\"\"");
        }

        return form;
    }

    private static byte[] Photo(string sample, string fileName)
    {
        var part = SendGridPosts.Sample(sample).Attachments.OfType<MimePart>().Single(p => p.FileName == fileName);
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
