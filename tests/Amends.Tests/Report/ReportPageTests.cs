using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Amends.Incidents;
using Amends.Orders;
using Amends.ReportProblem;
using Amends.Tests.CustomerPages;
using Amends.Tests.Fixtures;
using Amends.Tests.Inbound;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Amends.Tests.ReportProblem;

/// <summary>
/// The "report a problem" page through the real app: verification against the store's orders (a fake
/// lookup here), the store's signed prefill, the same intake as the API (acknowledgement with the status
/// link, one incident for a form sent twice), and the page's defences: token, honeypot, size, rate limits.
/// </summary>
public sealed partial class ReportPageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PrefillSecret = "prefill-secret-of-the-store-0123456789";
    private readonly FakeOrderLookup orders = new();
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await CustomerPagesHost.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["Amends:ReportPage:PrefillSecret"] = PrefillSecret,
        ["Amends:ReportPage:DefaultLanguage"] = "it",
        ["Amends:ReportPage:PerEmailLimit"] = "3",
    }, services => services.AddSingleton<IOrderLookup>(orders));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_report_whose_order_matches_opens_the_incident_and_lands_on_its_status_page()
    {
        orders.Add("#2001", "Anna.Nowak@example.pl", "Anna Nowak");

        using var response = await PostAsync(await FormAsync("pl"), "#2001", "anna.nowak@EXAMPLE.pl", "Defective", "Czajnik przestał działać po tygodniu.",
            ("czajnik.jpg", "image/jpeg", Photo("jpeg-with-gps-exif.eml", "kjele.jpg")));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var id = IncidentOf(response);
        var incident = await host.Workflows.IncidentAsync(id);
        Assert.Equal(("Anna Nowak", "pl", "#2001", IncidentCategory.Defective), (incident.Customer.Name, incident.Customer.Language, incident.OrderNumber, incident.Category));
        Assert.DoesNotContain(incident.Attention ?? [], a => a.Kind == AttentionKind.OrderNotVerified);
        var acknowledgement = await host.Workflows.EmailAsync(id, "acknowledgement");
        Assert.Single(CustomerPagesHost.PagePaths(acknowledgement.Body, "status"));
        var timeline = await host.Workflows.TimelineAsync(id);
        Assert.Single(timeline, e => e is { Kind: TimelineEntryKind.PhotoAdded, Author: "customer" } && e.Text!.Contains("czajnik.jpg", StringComparison.Ordinal));
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.InternalNote && e.Text!.Contains("checked against the store's order", StringComparison.Ordinal));
        var (status, page) = await host.PageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Czajnik przestał działać po tygodniu.", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#2002", "someone.else@example.com")]
    [InlineData("#9999", "anna@example.com")]
    public async Task An_order_and_email_that_do_not_match_are_refused_alike_whether_or_not_the_order_exists(string order, string email)
    {
        orders.Add("#2002", "anna@example.com");
        orders.Orders["#9999"] = new OrderLookupResult.NotFound();

        using var response = await PostAsync(await FormAsync("en"), order, email, "WrongItem", "Wrong colour.");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("The order number and email address do not match our records.", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{order}\"", html, StringComparison.Ordinal);
        Assert.Empty(await IncidentsOfAsync(email));
    }

    [Theory]
    [InlineData("not configured")]
    [InlineData("unavailable")]
    [InlineData("refused")]
    public async Task When_the_orders_cannot_be_checked_the_report_is_taken_and_flagged_order_not_verified(string why)
    {
        var order = "#30" + why.Length;
        orders.Orders[order] = why switch
        {
            "unavailable" => new OrderLookupResult.Unavailable("503 from the shop"),
            "refused" => new OrderLookupResult.Refused("401 from the shop"),
            _ => new OrderLookupResult.NotConfigured(),
        };

        using var response = await PostAsync(await FormAsync("en"), order, $"flag-{why.Length}@example.com", "other", "Something odd.");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var incident = await host.Workflows.IncidentAsync(IncidentOf(response));
        Assert.True(incident.NeedsAttention);
        Assert.Contains(incident.Attention!, a => a.Kind == AttentionKind.OrderNotVerified);
        Assert.Equal(IncidentCategory.Unknown, incident.Category);
    }

    [Fact]
    public async Task The_stores_signed_link_prefills_the_form_and_vouches_for_the_order()
    {
        orders.Orders["#4001"] = new OrderLookupResult.Unavailable("down");
        var sig = ReportLinks.PrefillSignature(PrefillSecret, "#4001", "jonas@example.no");

        var (_, page) = await host.PageAsync($"/report?order=%234001&email=jonas%40example.no&sig={sig}", "nb-NO,nb;q=0.9");
        var (_, forged) = await host.PageAsync($"/report?order=%234001&email=eve%40example.no&sig={sig}");

        Assert.Contains("<html lang=\"nb\">", page, StringComparison.Ordinal);
        Assert.Contains("value=\"#4001\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"jonas@example.no\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("eve@example.no", forged, StringComparison.Ordinal);
        using var response = await PostAsync(page, "#4001", "jonas@example.no", "MissingPart", "Lokket mangler.", sig: sig);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var incident = await host.Workflows.IncidentAsync(IncidentOf(response));
        Assert.DoesNotContain(incident.Attention ?? [], a => a.Kind == AttentionKind.OrderNotVerified);
    }

    [Fact]
    public async Task A_form_sent_twice_opens_one_incident()
    {
        var form = await FormAsync("en");

        using var first = PostAsync(form, "#5001", "twice@example.com", "NotDelivered", "Never came.");
        using var second = PostAsync(form, "#5001", "twice@example.com", "NotDelivered", "Never came.");
        var answers = await Task.WhenAll(first, second);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.SeeOther, a.StatusCode));
        Assert.Equal(IncidentOf(answers[0]), IncidentOf(answers[1]));
        Assert.Single(await IncidentsOfAsync("twice@example.com"));
    }

    [Fact]
    public async Task A_robot_that_fills_the_hidden_field_is_thanked_and_nothing_is_kept()
    {
        using var response = await PostAsync(await FormAsync("en"), "#6001", "robot@example.com", "Defective", "Buy cheap watches", honeypot: "https://spam.example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thank you. We have received your report.", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Empty(await IncidentsOfAsync("robot@example.com"));
    }

    [Fact]
    public async Task A_post_without_our_token_or_from_another_site_is_refused()
    {
        using var forged = await PostAsync("<input name=\"form_token\" value=\"4102444800.00.AAAA\">", "#7001", "forged@example.com", "Defective", "x");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/report?lang=en") { Content = Content(CustomerPagesHostToken(await FormAsync("en")), "#7001", "forged@example.com", "Defective", "x", "", "", []) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var crossSite = await host.Http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, crossSite.StatusCode);
        Assert.Contains("This form could not be sent", WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync(Cancellation)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_larger_than_the_limit_is_refused_with_413_and_says_so()
    {
        // The test settings allow 300 kB of files per message; framing adds 1 MB.
        using var response = await PostAsync(await FormAsync("de"), "#8001", "big@example.de", "Defective", "Zu groß.", ("big.jpg", "image/jpeg", new byte[1_400_000]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Zusammen sind Ihre Dateien größer als", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_file_is_named_with_its_reason_and_nothing_is_opened()
    {
        using var response = await PostAsync(await FormAsync("en"), "#8002", "fake@example.com", "Defective", "See photo.",
            ("kettle.jpg", "image/jpeg", Photo("jpg-that-is-an-executable.eml", "kettle.jpg")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kettle.jpg", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Empty(await IncidentsOfAsync("fake@example.com"));
    }

    [Fact]
    public async Task Too_many_reports_for_one_email_are_answered_429_with_retry_after()
    {
        HttpStatusCode last = default;
        RetryConditionHeaderValue? retry = null;
        for (var i = 0; i < 4; i++)
        {
            // Missing description: refused, but counted all the same, so trying pairs is slow.
            using var response = await PostAsync(await FormAsync("en"), "#9001", "limited@example.com", "Defective", "");
            (last, retry) = (response.StatusCode, response.Headers.RetryAfter);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        Assert.True(retry?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task What_a_visitor_types_comes_back_as_text_never_as_markup()
    {
        using var response = await PostAsync(await FormAsync("en"), "<b>#1</b>", "x\"><script>alert(1)</script>@example.com", "Defective", "<img src=x onerror=alert(1)>");

        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>#1", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pl-PL,pl;q=0.9,en;q=0.8", "pl", "Zgłoszenie problemu z zamówieniem")]
    [InlineData("fr-FR,fr;q=0.9", "it", "Segnali un problema con il suo ordine")]
    [InlineData("en-GB", "en", "Report a problem with your order")]
    public async Task The_page_speaks_the_browsers_language_else_the_stores_default_with_a_picture_for_each_choice(string acceptLanguage, string language, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/report");
        request.Headers.Add("Accept-Language", acceptLanguage);
        using var response = await host.Http.SendAsync(request, Cancellation);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation));

        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Equal(8, Regex.Count(html, "<svg "));
        Assert.Equal(8, Regex.Count(html, "name=\"category\""));
        Assert.Contains("href=\"/report?lang=de\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", Regex.Replace(html, "xmlns=\"[^\"]*\"", ""), StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none';", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<Amends.Storage.IncidentSummary>> IncidentsOfAsync(string email) =>
        (await host.Workflows.Store.ListAsync(new Amends.Storage.IncidentQuery(CustomerEmail: email), null, 50, Cancellation)).Items;

    private async Task<string> FormAsync(string language) => (await host.PageAsync($"/report?lang={language}")).Html;

    private static string CustomerPagesHostToken(string page) => TokenField().Match(page).Groups[1].Value;

    private static string IncidentOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/status/", location, StringComparison.Ordinal);
        return location["/status/".Length..].Split('.')[0];
    }

    private async Task<HttpResponseMessage> PostAsync(
        string page, string order, string email, string category, string description, params (string Name, string Type, byte[] Content)[] files) =>
        await PostAsync(page, order, email, category, description, "", "", files);

    private async Task<HttpResponseMessage> PostAsync(
        string page, string order, string email, string category, string description, string honeypot = "", string sig = "", params (string Name, string Type, byte[] Content)[] files)
    {
        var language = Regex.Match(page, "<html lang=\"([a-z]+)\"") is { Success: true } match ? match.Groups[1].Value : "en";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/report?lang={language}")
        {
            Content = Content(CustomerPagesHostToken(page), order, email, category, description, honeypot, sig, files),
        };
        return await host.Http.SendAsync(request, Cancellation);
    }

    private static MultipartFormDataContent Content(
        string token, string order, string email, string category, string description, string honeypot, string sig, (string Name, string Type, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "form_token" },
            { new StringContent(sig), "sig" },
            { new StringContent(order), "order" },
            { new StringContent(email), "email" },
            { new StringContent(""), "name" },
            { new StringContent(category), "category" },
            { new StringContent(description), "description" },
            { new StringContent(honeypot), ReportPage.Honeypot },
        };
        foreach (var (name, type, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "photos", name);
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

    [GeneratedRegex("name=\"form_token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
