using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amends.Functions.Api;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Amends.Functions.Tests.Parity;

/// <summary>
/// The same request gets the same answer from both hosts: status, media type and body (problem+json
/// included), the trace id aside. The server answers through its routing; the Functions app through
/// its trigger methods, built from its own services.
/// </summary>
public sealed class AnswerParityTests
{
    public static TheoryData<string, string, string?, string?> Requests => new()
    {
        { "GET", "/api/v1/health", null, null },
        { "POST", "/api/v1/incidents", "{}", "application/json" },
        { "POST", "/api/v1/incidents", """{"customerEmail":"not an address"}""", "application/json" },
        { "GET", "/api/v1/incidents?status=Misplaced&pageSize=0", null, null },
        { "POST", "/api/v1/incidents/INC-1/updates", "{}", "application/json" },
        { "POST", "/api/v1/incidents/INC-1/notes", "{\"note\":\" \"}", "application/json" },
        { "POST", "/api/v1/incidents/INC-1/diagnosis", """{"category":"Misplaced"}""", "application/json" },
        { "POST", "/api/v1/incidents/INC-1/resolution", "{\"type\":", "application/json" },
        { "GET", "/api/v1/outbox", null, null },
        { "GET", "/api/v1/outbox/missing.eml", null, null },
        { "POST", "/api/v1/inbound/sendgrid", "--x--", "multipart/form-data; boundary=x" },
        { "POST", "/api/v1/erasures", "{}", "application/json" },
        { "POST", "/api/v1/erasures", """{"customerEmail":"a@example.com, b@evil.example","requestedBy":"Anna"}""", "application/json" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Both_hosts_answer_alike(string method, string target, string? body, string? contentType)
    {
        await using var server = await ServerSurface.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), target);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        using var expected = await server.Client().SendAsync(request, TestContext.Current.CancellationToken);
        var (status, type, answer) = await FunctionAnswerAsync(method, target, body, contentType);

        Assert.Equal((int)expected.StatusCode, status);
        Assert.Equal(expected.Content.Headers.ContentType?.MediaType, type?.Split(';')[0]);
        Assert.Equal(WithoutTraceId(await expected.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), WithoutTraceId(answer));
    }

    /// <summary>
    /// The one known difference: a body that is not JSON. The server's routing refuses it (its routes
    /// declare JSON bodies) with a bare 415 before the handler runs; the Functions host has no such
    /// matching, so the handler answers: 415 as well, with the problem+json it would give anyway.
    /// </summary>
    [Fact]
    public async Task Both_hosts_refuse_a_body_that_is_not_json_with_415()
    {
        await using var server = await ServerSurface.StartAsync();
        using var content = new StringContent("a note", Encoding.UTF8, "text/plain");

        using var expected = await server.Client().PostAsync("/api/v1/incidents/INC-1/notes", content, TestContext.Current.CancellationToken);
        var (status, type, _) = await FunctionAnswerAsync("POST", "/api/v1/incidents/INC-1/notes", "a note", "text/plain");

        Assert.Equal(415, (int)expected.StatusCode);
        Assert.Equal(415, status);
        Assert.Equal("application/problem+json", type);
    }

    private static async Task<(int Status, string? ContentType, string Body)> FunctionAnswerAsync(string method, string target, string? body, string? contentType)
    {
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var http = TestHttp.Context(method, query: query < 0 ? null : target[query..], path: query < 0 ? target : target[..query]);
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = bytes.Length;
            http.Request.ContentType = contentType;
        }

        var services = http.RequestServices;
        var workflows = new Mock<DurableTaskClient>("functions").Object;
        var incidents = ActivatorUtilities.CreateInstance<IncidentsFunctions>(services);
        var outbox = ActivatorUtilities.CreateInstance<OutboxFunctions>(services);
        var result = (method, http.Request.Path.Value) switch
        {
            ("GET", "/api/v1/health") => ActivatorUtilities.CreateInstance<ServiceFunctions>(services).Health(http.Request, workflows),
            ("POST", "/api/v1/incidents") => incidents.CreateIncident(http.Request, workflows),
            ("GET", "/api/v1/incidents") => incidents.ListIncidents(http.Request, workflows),
            ("POST", "/api/v1/incidents/INC-1/updates") => incidents.PostStaffUpdate(http.Request, workflows),
            ("POST", "/api/v1/incidents/INC-1/notes") => incidents.AddInternalNote(http.Request, workflows),
            ("POST", "/api/v1/incidents/INC-1/diagnosis") => incidents.Diagnose(http.Request, workflows),
            ("POST", "/api/v1/incidents/INC-1/resolution") => incidents.ChooseResolution(http.Request, workflows),
            ("GET", "/api/v1/outbox") => outbox.ListOutbox(http.Request, workflows),
            ("GET", "/api/v1/outbox/missing.eml") => outbox.ReadOutboxEmail(http.Request, workflows),
            ("POST", "/api/v1/erasures") => ActivatorUtilities.CreateInstance<ErasuresFunctions>(services).EraseCustomer(http.Request, workflows),
            ("POST", "/api/v1/inbound/sendgrid") => ActivatorUtilities.CreateInstance<InboundEmailFunctions>(services).ReceiveInboundEmail(http.Request, workflows),
            _ => throw new ArgumentOutOfRangeException(nameof(target), $"{method} {target} has no case here yet."),
        };

        var (status, answer) = await TestHttp.RunAsync(result, http);
        return (status, http.Response.ContentType, answer);
    }

    private static string WithoutTraceId(string body)
    {
        if (JsonNode.Parse(body) is JsonObject json)
        {
            json.Remove("traceId");
            return json.ToJsonString();
        }

        return body;
    }
}
