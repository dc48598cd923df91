using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Amends.Incidents;
using Amends.Tests.Fixtures;
using Amends.Tests.Inbound;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.CustomerPages;

/// <summary>
/// Close and learn: the closing email's one-click satisfaction links record a score at once; a comment
/// with the customer's explicit consent and a 5 becomes a testimonial on the return-policy page; the
/// satisfaction report counts each incident once, at its latest score.
/// </summary>
public sealed class SatisfactionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private InboundTestHost host = null!;

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
        Assert.Contains("Grazie! Ci ha dato 5 su 5.", page, StringComparison.Ordinal);
        Assert.Matches("<input type=\"checkbox\" name=\"consent\" value=\"yes\"> ", page);
        await AssertCountsAsync(0, 0, 0, 0, 1);

        using var answer = await CommentAsync(links[4], page, 5, "Servizio impeccabile, bollitore sostituito in due giorni.", consent: true);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Abbiamo salvato la sua risposta.", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(Cancellation)), StringComparison.Ordinal);

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
        Assert.Contains("Rask og hyggelig hjelp.", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);

        using var lower = await CommentAsync(five, page, 4, "Rask og hyggelig hjelp.", consent: true);
        Assert.DoesNotContain("Rask og hyggelig hjelp.", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);
        await AssertCountsAsync(0, 0, 0, 1, 0);

        using var withdrawn = await CommentAsync(five, page, 5, "Rask og hyggelig hjelp.", consent: false);
        Assert.DoesNotContain("Rask og hyggelig hjelp.", (await host.PageAsync("/policy")).Html, StringComparison.Ordinal);
        await AssertCountsAsync(0, 0, 0, 0, 1);
    }

    [Fact]
    public async Task A_second_click_changes_the_score_and_the_same_click_again_changes_nothing()
    {
        var first = await host.SeedAsync(IncidentNumber.New(), "anna@example.com", "Anna Smith", "en", "#1");
        var second = await host.SeedAsync(IncidentNumber.New(), "jan@example.pl", "Jan Kowalski", "pl", "#2");
        var firstLinks = await SatisfactionLinksAsync(first.Id);
        var secondLinks = await SatisfactionLinksAsync(second.Id);

        Assert.Equal(HttpStatusCode.OK, (await host.PageAsync(firstLinks[1])).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.PageAsync(firstLinks[3])).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.PageAsync(firstLinks[3])).Status);
        var (status, polish) = await host.PageAsync(secondLinks[2]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Dziękujemy! Państwa ocena: 3 na 5.", polish, StringComparison.Ordinal);
        await AssertCountsAsync(0, 0, 1, 1, 0);
        var report = (await host.Staff.GetFromJsonAsync<JsonObject>("/api/v1/reports/satisfaction", Cancellation))!;
        Assert.Equal(2, report["responses"]!.GetValue<int>());
        Assert.Equal(3.5m, report["average"]!.GetValue<decimal>());
        var csv = await host.Staff.GetStringAsync("/api/v1/reports/satisfaction?format=csv", Cancellation);
        Assert.Equal("score,responses,average\n1,0,1.00\n2,0,2.00\n3,1,3.00\n4,1,4.00\n5,0,5.00\nall,2,3.50\n", csv);
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
        await AssertCountsAsync(0, 0, 0, 0, 1);
    }

    private async Task<IReadOnlyList<string>> SatisfactionLinksAsync(string id) =>
        [.. (await host.Workflows.Services.GetRequiredService<CustomerLinks.CustomerLinks>().SatisfactionUrlsAsync(id, Cancellation)).Select(u => new Uri(u).PathAndQuery)];

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
