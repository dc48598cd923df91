using System.Net;
using System.Net.Http.Json;
using System.Text;
using Amends.Tests.Inbound;

namespace Amends.Tests.EndToEnd;

/// <summary>Bad requests get a clear problem+json answer naming what is wrong, and change nothing.</summary>
public sealed class BadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("customerEmail", """{"customerName":"Ola","orderNumber":"1","description":"broken"}""")]
    [InlineData("customerEmail", """{"customerEmail":"not-an-address","customerName":"Ola","orderNumber":"1","description":"broken"}""")]
    [InlineData("customerName", """{"customerEmail":"ola@example.no","orderNumber":"1","description":"broken"}""")]
    [InlineData("orderNumber", """{"customerEmail":"ola@example.no","customerName":"Ola","description":"broken"}""")]
    [InlineData("description", """{"customerEmail":"ola@example.no","customerName":"Ola","orderNumber":"1","description":" "}""")]
    [InlineData("category", """{"customerEmail":"ola@example.no","customerName":"Ola","orderNumber":"1","description":"x","category":"Lost"}""")]
    [InlineData("orderNumber", """{"customerEmail":"ola@example.no","customerName":"Ola","orderNumber":12,"description":"x"}""")]
    [InlineData("customerEmail", """{"customerEmail": """)]
    [InlineData("body", "not json")]
    public async Task Missing_or_malformed_field_is_a_400_naming_the_field(string field, string json)
    {
        using var store = new StoreApi(fixture.Server);

        var response = await store.Http.PostAsync("/api/v1/incidents", new StringContent(json, Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await store.ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Theory]
    [InlineData("a@example.com, b@evil.example")]
    [InlineData("a@example.com; b@evil.example")]
    [InlineData("Ola Nordmann <ola@example.no>")]
    [InlineData("undisclosed-recipients:;")]
    [InlineData("friends: a@example.com, b@evil.example;")]
    [InlineData("ola")]
    [InlineData("ola@")]
    [InlineData("@example.no")]
    [InlineData("ola@localhost")]
    [InlineData("ola@[192.0.2.1]")]
    [InlineData("ola\u0000@example.no")]
    [InlineData("ola@example.no\r\nBcc: b@evil.example")]
    [InlineData("ola@example.no (the boss)")]
    [InlineData("ola@@example.no")]
    public async Task Customer_email_that_is_not_exactly_one_mailbox_is_a_400_naming_the_field(string address)
    {
        using var store = new StoreApi(fixture.Server);
        var json = $$"""{"customerEmail":{{System.Text.Json.JsonSerializer.Serialize(address)}},"customerName":"Ola","orderNumber":"1","description":"broken"}""";

        var create = await store.Http.PostAsync("/api/v1/incidents", new StringContent(json, Encoding.UTF8, "application/json"), Cancel);
        var list = await store.Http.GetAsync("/api/v1/incidents?customerEmail=" + Uri.EscapeDataString(address), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.True((await store.ProblemAsync(create)).GetProperty("errors").TryGetProperty("customerEmail", out _));
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.True((await store.ProblemAsync(list)).GetProperty("errors").TryGetProperty("customerEmail", out _));
    }

    [Theory]
    [InlineData("ola@example.no")]
    [InlineData("  ola.nordmann+ordre-3001@mail.example.no ")]
    [InlineData("\"ola nordmann\"@example.no")]
    [InlineData("åse@eksempel.no")]
    public async Task Customer_email_that_is_one_mailbox_is_taken(string address)
    {
        using var store = new StoreApi(fixture.Server);
        var json = $$"""{"customerEmail":{{System.Text.Json.JsonSerializer.Serialize(address)}},"customerName":"Ola","orderNumber":"1","description":"broken"}""";

        var create = await store.Http.PostAsync("/api/v1/incidents", new StringContent(json, Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/incidents?status=Lost", "status")]
    [InlineData("/api/v1/incidents?from=yesterday", "from")]
    [InlineData("/api/v1/incidents?pageSize=0", "pageSize")]
    [InlineData("/api/v1/incidents?continuationToken=%25%25", "continuationToken")]
    public async Task Bad_list_filter_is_a_400_naming_the_parameter(string url, string field)
    {
        using var store = new StoreApi(fixture.Server);

        var response = await store.Http.GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await store.ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    public static TheoryData<string, string> HostileBodies => new()
    {
        { "invalid UTF-8", "{\"customerEmail\":\"ola@example.no\",\"customerName\":\"Ola \xC3\x28\xFF\",\"orderNumber\":\"1\",\"description\":\"x\"}" },
        { "nested 10,000 deep", new string('[', 10_000) + new string(']', 10_000) },
        { "a NUL byte outside strings", "{\"customerEmail\":\"ola@example.no\"\u0000}" },
        { "a number far too large", "{\"customerEmail\":\"ola@example.no\",\"category\":1e999999}" },
        { "the same field twice", "{\"customerEmail\":\"ola@example.no\",\"customerEmail\":\"b@evil.example\"}" },
        { "an array", "[]" },
        { "null", "null" },
        { "a lone surrogate", "{\"customerEmail\":\"ola@example.no\",\"customerName\":\"\\ud800\",\"orderNumber\":\"1\",\"description\":\"x\"}" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Hostile_json_body_is_a_4xx_problem_never_a_500(string what, string body)
    {
        using var store = new StoreApi(fixture.Server);
        var bytes = body.Select(c => (byte)c).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await store.Http.PostAsync("/api/v1/incidents", content, Cancel);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{what}: {(int)response.StatusCode}");
        await store.ProblemAsync(response);
    }

    [Fact]
    public async Task Nul_and_control_characters_inside_json_strings_never_give_a_500()
    {
        using var store = new StoreApi(fixture.Server);
        var json = """{"customerEmail":"ola@example.no","customerName":"Ola\u0000 Nordmann\u001b[31m","orderNumber":"#1\u0000","description":"Broken\u0000 lid","sku":"K\u0000"}""";

        var response = await store.Http.PostAsync("/api/v1/incidents", new StringContent(json, Encoding.UTF8, "application/json"), Cancel);

        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            await store.ProblemAsync(response);
        }
    }

    [Theory]
    [InlineData("orderNumber")]
    [InlineData("customerEmail")]
    public async Task Over_long_query_value_is_a_400_naming_the_parameter(string parameter)
    {
        using var store = new StoreApi(fixture.Server);

        var response = await store.Http.GetAsync($"/api/v1/incidents?{parameter}={new string('A', 6_000)}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await store.ProblemAsync(response)).GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Theory]
    [InlineData("/api/v1/incidents/{0}")]
    [InlineData("/api/v1/incidents?orderNumber={0}")]
    [InlineData("/api/v1/inbound/sendgrid?key={0}")]
    public async Task Url_longer_than_the_server_takes_is_refused_with_a_4xx(string template)
    {
        using var store = new StoreApi(fixture.Server);

        // Kestrel refuses a request line over 8 KB before any of our code runs (414, no body of ours).
        var response = await store.Http.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, new string('A', 20_000)), Cancel);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task Header_larger_than_the_server_takes_is_refused_with_a_4xx()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.Server.Port}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/health");
        request.Headers.TryAddWithoutValidation("X-Huge", new string('A', 1_000_000));

        var response = await http.SendAsync(request, Cancel);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task Hostile_mail_on_the_real_server_is_answered_200_and_acknowledged()
    {
        using var store = new StoreApi(fixture.Server);
        var raw = SendGridPosts.Raw(HostileMail.ManyPhotos(3_000));
        var parsed = SendGridPosts.Parsed(HostileMail.ManyPhotos(200), charsetOverride: "utf-7");

        foreach (var post in new[] { raw, parsed })
        {
            var response = await store.Http.PostAsync($"/api/v1/inbound/sendgrid?key={ServerFixture.InboundSecret}", post.ToContent(), Cancel);
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            var outcome = System.Text.Json.JsonSerializer.Deserialize<Amends.Inbound.InboundOutcome>(body, Amends.Api.ApiJson.Options)!;
            Assert.Equal(Amends.Inbound.InboundOutcomeKind.NewIncident, outcome.Kind);
            await store.WaitForEmailAsync(outcome.IncidentId!, "acknowledgement");
        }
    }

    [Fact]
    public async Task Inbound_post_that_is_not_a_form_is_a_415_problem()
    {
        using var store = new StoreApi(fixture.Server);

        var response = await store.Http.PostAsync($"/api/v1/inbound/sendgrid?key={ServerFixture.InboundSecret}", new StringContent("+ADw-script+AD4-", Encoding.UTF8, "text/plain"), Cancel);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await store.ProblemAsync(response);
    }

    [Fact]
    public async Task Unknown_incident_is_a_404()
    {
        using var store = new StoreApi(fixture.Server);

        var get = await store.Http.GetAsync("/api/v1/incidents/AMD-00000000", Cancel);
        var update = await store.PostAsync("/api/v1/incidents/AMD-00000000/updates", new { message = "Hello" });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        await store.ProblemAsync(get);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Missing_or_wrong_api_key_is_a_401(string? key)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.Server.Port}") };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var list = await http.GetAsync("/api/v1/incidents", Cancel);
        var create = await http.PostAsJsonAsync("/api/v1/incidents", StoreApi.NewIncident(), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal("application/problem+json", list.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/health", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Body_over_the_size_limit_is_a_413()
    {
        using var store = new StoreApi(fixture.Server);
        var huge = new string('x', 400 * 1024);

        var response = await store.PostAsync("/api/v1/incidents", new { customerEmail = "a@example.com", customerName = "A", orderNumber = "1", description = huge });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await store.ProblemAsync(response);
    }

    [Fact]
    public async Task Reused_idempotency_key_for_a_different_request_is_refused()
    {
        using var store = new StoreApi(fixture.Server);

        var (first, _) = await store.CreateAsync(StoreApi.NewIncident(order: "#2001"), "key-reused");
        var (second, _) = await store.CreateAsync(StoreApi.NewIncident(order: "#2002"), "key-reused");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_is_served()
    {
        using var store = new StoreApi(fixture.Server);

        var document = await store.Http.GetStringAsync("/api/v1/openapi.json", Cancel);

        Assert.Contains("/api/v1/incidents/{id}/resolve", document);
    }
}
