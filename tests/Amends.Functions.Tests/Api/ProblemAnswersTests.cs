using System.Text.Json.Nodes;
using Amends.Functions.Api;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>
/// An HTTP trigger's exception becomes the server's problem+json answer, never the Functions host's bare
/// 500 with whatever the exception said.
/// </summary>
public sealed class ProblemAnswersTests
{
    private readonly DefaultHttpContext http = TestHttp.Context();
    private readonly ProblemAnswers middleware = new(TestHttp.ExceptionHandler());

    [Fact]
    public async Task Storage_down_is_a_503_with_retry_after()
    {
        await middleware.Invoke(HttpTrigger(), _ => throw new RequestFailedException(503, "The server is busy."));

        var problem = Problem();
        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("30", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal("Service unavailable.", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        await middleware.Invoke(HttpTrigger(), _ => throw new BadHttpRequestException("Too large.", StatusCodes.Status413PayloadTooLarge));

        Assert.Equal(413, http.Response.StatusCode);
        Assert.Equal("Request body too large.", Problem()["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Anything_else_is_a_500_that_tells_nothing_of_the_internals()
    {
        await middleware.Invoke(HttpTrigger(), _ => throw new InvalidOperationException("customer jane@shop.example broke Amends.Storage.IncidentStore"));

        var body = TestHttp.Body(http);
        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.DoesNotContain("jane@shop.example", body, StringComparison.Ordinal);
        Assert.DoesNotContain("IncidentStore", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trigger_that_answers_is_left_alone()
    {
        var ran = 0;

        await middleware.Invoke(HttpTrigger(), _ =>
        {
            ran++;
            return Task.CompletedTask;
        });

        Assert.Equal(1, ran);
        Assert.Equal(0, http.Response.Body.Length);
    }

    [Fact]
    public async Task Other_triggers_exceptions_go_on_to_the_host_so_the_activity_fails_for_its_retry_policy()
    {
        var activity = new Mock<FunctionContext>();
        activity.SetupGet(c => c.Items).Returns(new Dictionary<object, object>());

        await Assert.ThrowsAsync<RequestFailedException>(() => middleware.Invoke(activity.Object, _ => throw new RequestFailedException(503, "busy")));
    }

    /// <summary>A function context as the ASP.NET Core integration leaves it for an HTTP trigger: its HttpContext in Items.</summary>
    private FunctionContext HttpTrigger()
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        Assert.Same(http, context.Object.GetHttpContext());
        return context.Object;
    }

    private JsonNode Problem() => JsonNode.Parse(TestHttp.Body(http))!;
}
