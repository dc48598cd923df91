using Amends.Api;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Api;

/// <summary>What a caller is told when a dependency fails: retry later (503), never a bare 500, unless the fault is really ours.</summary>
public sealed class ApiExceptionHandlerTests
{
    [Theory]
    [InlineData(503, "ServerBusy")]
    [InlineData(500, "InternalError")]
    [InlineData(404, "TableNotFound")]
    [InlineData(404, "ContainerNotFound")]
    [InlineData(404, "QueueNotFound")]
    public async Task Storage_unavailable_or_reset_asks_the_caller_to_retry(int status, string errorCode)
    {
        var answer = ApiExceptionHandler.Classify(new RequestFailedException(status, "storage said no", errorCode, null));

        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        await Assert.IsAssignableFrom<IResult>(answer).ExecuteAsync(http);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.NotEmpty(http.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
    }

    [Fact]
    public void A_missing_entity_is_not_an_outage()
    {
        Assert.Null(ApiExceptionHandler.Classify(new RequestFailedException(404, "no such row", "ResourceNotFound", null)));
    }
}
