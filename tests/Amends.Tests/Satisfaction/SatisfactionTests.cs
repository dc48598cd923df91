using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Amends.Api;
using Amends.Incidents;
using Amends.Satisfaction;
using Amends.Staff;
using Amends.Tests.CustomerPages;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Satisfaction;

/// <summary>
/// Close and learn: the closing email's satisfaction links open the question with the clicked score
/// chosen, and only the page's form (a POST with its form key) records an answer, so a mail scanner
/// opening every link casts nothing; a comment with the customer's explicit consent and a 5 is offered
/// as a testimonial and shows on the return-policy page once staff approve it; the satisfaction report
/// counts each incident once, at its latest score.
/// </summary>
public sealed class SatisfactionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await CustomerPagesHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_closing_email_asks_with_one_click_links_and_a_consented_five_becomes_a_testimonial()
    {
        var incident = await host.Workflows.OpenAsync("it");
        await host.Workflows.EmailAsync(incident.Id, "acknowledgement");
        await host.Workflows.Staff.ResolveAsync(incident.Id, null, null, host.Workflows.Client, Cancellation);
        var apology = await host.Workflows.EmailAsync(incident.Id, "apology");
        var links = CustomerPagesHost.PagePaths(apology.Body, "satisfaction");
        Assert.Equal(5, links.Count);
        Assert.Contains("Come siamo andati?", apology.Body, StringComparison.Ordinal);
        Assert.Single(CustomerPagesHost.PagePaths(apology.Body, "status"));

        var (status, page) = await host.PageAsync(links[4]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"it\">", page, StringComparison.Ordinal);
        Assert.Contains("Prema Invia per registrare il suo voto.", page, StringComparison.Ordinal);
        Assert.Contains("<input type=\"radio\" name=\"score\" value=\"5\" checked>", page, StringComparison.Ordinal);
        Assert.Matches("<input type=\"checkbox\" name=\"consent\" value=\"yes\"> ", page);
        await AssertCountsAsync(0, 0, 0, 0, 0);

        using var answer = await CommentAsync(links[4], page, 5, "Servizio impeccabile, bollitore sostituito in due giorni.", consent: true);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Abbiamo salvato la sua risposta.", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(Cancellation)), StringComparison.Ordinal);
        Assert.DoesNotContain("Servizio impeccabile", (await host.PageAsync("/policy?lang=it")).Html, StringComparison.Ordinal);
        await ApproveAsync(incident.Id);

        var (_, policy) = await host.PageAsync("/policy?lang=it");
        Assert.Contains("<blockquote lang=\"it\" class=\"text\">Servizio impeccabile, bollitore sostituito in due giorni.</blockquote>", policy, StringComparison.Ordinal);
        Assert.Contains("— Giulia<", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("Rossi", policy, StringComparison.Ordinal);

        // Read on an English page, the Italian comment is shown as written, and says so.
        var (_, english) = await host.PageAsync("/policy?lang=en");
        Assert.Contains("— Giulia (written in Italian)", english, StringComparison.Ordinal);
        await AssertCountsAsync(0, 0, 0, 0, 1);
    }

    [Fact]
    public async Task Without_consent_a_comment_stays_private_and_withdrawing_consent_or_a_lower_score_takes_it_down()
    {
        var incident = await host.SeedAsync(IncidentNumber.New(), "ola@example.no", "Ola Nordmann", "nb", "#4004");
        var five = (await SatisfactionLinksAsync(incident.Id))[4];
        var (_, page) = await host.PageAsync(five);

        using var private_ = await CommentAsync(five, page, 5, "Rask og hyggelig hjelp.", consent: false);
        Assert.DoesNotContain("Rask og hyggelig hjelp.", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);

        using var shown = await CommentAsync(five, page, 5, "Rask og hyggelig hjelp.", consent: true);
        await ApproveAsync(incident.Id);
        Assert.Contains("Rask og hyggelig hjelp.", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);

        using var lower = await CommentAsync(five, page, 4, "Rask og hyggelig hjelp.", consent: true);
        Assert.DoesNotContain("Rask og hyggelig hjelp.", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);
        await AssertCountsAsync(0, 0, 0, 1, 0);

        using var withdrawn = await CommentAsync(five, page, 5, "Rask og hyggelig hjelp.", consent: false);
        Assert.DoesNotContain("Rask og hyggelig hjelp.", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);
        await AssertCountsAsync(0, 0, 0, 0, 1);
    }

    [Fact]
    public async Task A_second_answer_changes_the_score_and_the_same_answer_again_changes_nothing()
    {
        var first = await host.SeedAsync(IncidentNumber.New(), "anna@example.com", "Anna Smith", "en", "#1");
        var second = await host.SeedAsync(IncidentNumber.New(), "jan@example.pl", "Jan Kowalski", "pl", "#2");
        var firstLinks = await SatisfactionLinksAsync(first.Id);
        var secondLinks = await SatisfactionLinksAsync(second.Id);
        var (_, firstPage) = await host.PageAsync(firstLinks[1]);

        using var two = await CommentAsync(firstLinks[1], firstPage, 2, "", consent: false);
        using var four = await CommentAsync(firstLinks[3], firstPage, 4, "", consent: false);
        using var fourAgain = await CommentAsync(firstLinks[3], firstPage, 4, "", consent: false);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { two.StatusCode, four.StatusCode, fourAgain.StatusCode });
        var (status, polish) = await host.PageAsync(secondLinks[2]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Prosimy kliknąć „Wyślij”, aby zapisać ocenę.", polish, StringComparison.Ordinal);
        using var polishAnswer = await CommentAsync(secondLinks[2], polish, 3, "", consent: false);

        Assert.Equal(HttpStatusCode.OK, polishAnswer.StatusCode);
        await AssertCountsAsync(0, 0, 1, 1, 0);
        var (_, again) = await host.PageAsync(firstLinks[0].Split('?')[0]);
        Assert.Contains("<input type=\"radio\" name=\"score\" value=\"4\" checked>", again, StringComparison.Ordinal);
        var report = (await host.Staff.GetFromJsonAsync<JsonObject>("/api/v1/reports/satisfaction", Cancellation))!;
        Assert.Equal(2, report["responses"]!.GetValue<int>());
        Assert.Equal(3.5m, report["average"]!.GetValue<decimal>());
        var csv = await host.Staff.GetStringAsync("/api/v1/reports/satisfaction?format=csv", Cancellation);
        Assert.Equal("score,responses,average\n1,0,1.00\n2,0,2.00\n3,1,3.00\n4,1,4.00\n5,0,5.00\nall,2,3.50\n", csv);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&comment=great&consent=yes")]
    [InlineData("&form_key=x&score=1")]
    [InlineData("&score=9")]
    public async Task A_link_scanner_opening_every_link_records_nothing(string query)
    {
        var incident = await host.SeedAsync(IncidentNumber.New(), "anna@example.com", "Anna Smith", "en", "#1");
        foreach (var link in await SatisfactionLinksAsync(incident.Id))
        {
            // What Safe Links, Mimecast or Proofpoint do: a plain GET (and HEAD) of each link, often twice.
            Assert.Contains((await host.PageAsync(link + query)).Status, new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest });
            Assert.Contains((await host.PageAsync(link + query)).Status, new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest });
            using var request = new HttpRequestMessage(HttpMethod.Head, link + query);
            using var head = await host.Http.SendAsync(request, Cancellation);
        }

        Assert.Null(await host.Workflows.Services.GetRequiredService<SatisfactionSurvey>().FindAsync(incident.Id, Cancellation));
        await AssertCountsAsync(0, 0, 0, 0, 0);
    }

    [Fact]
    public async Task Tampered_or_misused_links_record_nothing()
    {
        var incident = await host.SeedAsync(IncidentNumber.New(), "anna@example.com", "Anna Smith", "en", "#1");
        var five = (await SatisfactionLinksAsync(incident.Id))[4];
        var status = await host.StatusPathAsync(incident.Id);
        var (_, page) = await host.PageAsync(five);

        var tampered = five.Replace(incident.Id, IncidentNumber.New(), StringComparison.Ordinal);
        var statusTokenHere = "/satisfaction/" + status["/status/".Length..] + "?score=1";
        var satisfactionTokenThere = "/status/" + five["/satisfaction/".Length..five.IndexOf('?', StringComparison.Ordinal)];

        Assert.Equal(HttpStatusCode.NotFound, (await host.PageAsync(tampered)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.PageAsync(statusTokenHere)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.PageAsync(satisfactionTokenThere)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.PageAsync(five.Replace("score=5", "score=9", StringComparison.Ordinal))).Status);
        using var tamperedPost = await CommentAsync(tampered.Split('?')[0], page, 1, "x", consent: true);
        Assert.Equal(HttpStatusCode.NotFound, tamperedPost.StatusCode);
        using var noKey = await host.Http.PostAsync(five.Split('?')[0], new FormUrlEncodedContent([new("score", "1")]), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        using var otherKey = await CommentAsync(five, page.Replace(CustomerPagesHost.FormKey(page), "AAAA", StringComparison.Ordinal), 1, "", consent: false);
        Assert.Equal(HttpStatusCode.BadRequest, otherKey.StatusCode);
        await AssertCountsAsync(0, 0, 0, 0, 0);

        // A revoked (or expired) link: 410, and its form, though signed, records nothing.
        using var revoke = await host.Staff.PostAsync($"/api/v1/incidents/{incident.Id}/status-link/revoke", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using var revokedPost = await CommentAsync(five, page, 5, "", consent: false);
        Assert.Equal(HttpStatusCode.Gone, revokedPost.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await host.PageAsync(five)).Status);
        await AssertCountsAsync(0, 0, 0, 0, 0);
    }

    [Fact]
    public async Task Testimonials_wait_for_staff_who_approve_or_reject_them_and_new_words_are_read_again()
    {
        var incident = await host.SeedAsync(IncidentNumber.New(), "anna@example.com", "Anna Smith", "en", "#7");
        var five = (await SatisfactionLinksAsync(incident.Id))[4];
        var (_, page) = await host.PageAsync(five);
        using var offered = await CommentAsync(five, page, 5, "Fixed in two days, thank you!", consent: true);

        var pending = Assert.Single(await ListAsync("pending"), t => t.IncidentId == incident.Id);
        Assert.Equal(("Anna", "Fixed in two days, thank you!", TestimonialState.Pending, null), (pending.FirstName, pending.Comment, pending.State, pending.ModeratedBy));
        Assert.DoesNotContain("Fixed in two days", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);

        var approved = await ApproveAsync(incident.Id);
        Assert.Equal((TestimonialState.Approved, StaffIdentity.Unnamed), (approved.State, approved.ModeratedBy));
        Assert.NotNull(approved.ModeratedAt);
        Assert.Contains("Fixed in two days, thank you!", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);
        Assert.DoesNotContain(await ListAsync("pending"), t => t.IncidentId == incident.Id);
        Assert.Contains(await ListAsync("approved"), t => t.IncidentId == incident.Id && t.ModeratedBy == StaffIdentity.Unnamed);

        // The same words again keep the approval; new words go back to staff before they show.
        using var same = await CommentAsync(five, page, 5, "Fixed in two days, thank you!", consent: true);
        Assert.Contains("Fixed in two days, thank you!", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);
        using var changed = await CommentAsync(five, page, 5, "Fixed in two days. Buy here!", consent: true);
        Assert.DoesNotContain("Fixed in two days", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);
        Assert.Contains(await ListAsync("pending"), t => t.IncidentId == incident.Id && t.Comment == "Fixed in two days. Buy here!");

        using var reject = await host.Staff.PostAsync($"/api/v1/testimonials/{incident.Id}/reject", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        Assert.Contains(await ListAsync("rejected"), t => t.IncidentId == incident.Id && t.ModeratedBy == StaffIdentity.Unnamed);
        Assert.DoesNotContain(await ListAsync("pending"), t => t.IncidentId == incident.Id);
        Assert.DoesNotContain("Fixed in two days", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);
        using var rejectedAgain = await host.Staff.PostAsync($"/api/v1/testimonials/{incident.Id}/reject", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, rejectedAgain.StatusCode);
        await AssertCountsAsync(0, 0, 0, 0, 1);
    }

    [Fact]
    public async Task Moderation_is_for_staff_and_names_what_is_wrong()
    {
        var incident = await host.SeedAsync(IncidentNumber.New(), "anna@example.com", "Anna Smith", "en", "#8");
        var five = (await SatisfactionLinksAsync(incident.Id))[4];
        var (_, page) = await host.PageAsync(five);
        using var noConsent = await CommentAsync(five, page, 5, "Private words.", consent: false);

        using var notOffered = await host.Staff.PostAsync($"/api/v1/testimonials/{incident.Id}/approve", null, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, notOffered.StatusCode);
        Assert.Equal("application/problem+json", notOffered.Content.Headers.ContentType?.MediaType);
        using var nobody = await host.Staff.PostAsync("/api/v1/testimonials/AMD-NOBODY00/reject", null, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        using var badState = await host.Staff.GetAsync("/api/v1/testimonials?state=live", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Contains("\"state\"", await badState.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        using var customer = await host.Http.PostAsync($"/api/v1/testimonials/{incident.Id}/approve", null, Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, customer.StatusCode);
        using var list = await host.Http.GetAsync("/api/v1/testimonials", Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
    }

    private async Task<TestimonialOffer> ApproveAsync(string incidentId)
    {
        using var approve = await host.Staff.PostAsync($"/api/v1/testimonials/{incidentId}/approve", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        return (await approve.Content.ReadFromJsonAsync<TestimonialOffer>(ApiJson.Options, Cancellation))!;
    }

    private async Task<List<TestimonialOffer>> ListAsync(string state) =>
        (await host.Staff.GetFromJsonAsync<List<TestimonialOffer>>($"/api/v1/testimonials?state={state}", ApiJson.Options, Cancellation))!;

    private async Task<IReadOnlyList<string>> SatisfactionLinksAsync(string id) =>
        [.. (await host.Workflows.Services.GetRequiredService<Amends.CustomerLinks.CustomerLinks>().SatisfactionUrlsAsync(id, Cancellation)).Select(u => new Uri(u).PathAndQuery)];

    private async Task<HttpResponseMessage> CommentAsync(string link, string page, int score, string comment, bool consent)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("form_key", CustomerPagesHost.FormKey(page)),
            new("score", score.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("comment", comment),
        ];
        if (consent)
        {
            fields.Add(new("consent", "yes"));
        }

        return await host.Http.PostAsync(link.Split('?')[0], new FormUrlEncodedContent(fields), Cancellation);
    }

    /// <summary>The satisfaction report's responses for scores 1 to 5 are <paramref name="expected"/>.</summary>
    private async Task AssertCountsAsync(params int[] expected)
    {
        var report = (await host.Staff.GetFromJsonAsync<JsonObject>("/api/v1/reports/satisfaction", Cancellation))!;
        Assert.Equal(expected, report["rows"]!.AsArray().Select(r => r!["responses"]!.GetValue<int>()));
    }
}
