using System.Net;
using System.Net.Http.Json;
using System.Text;

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
