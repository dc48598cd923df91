using Azure;
using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Amends.Api;

/// <summary>
/// Turns exceptions into problem+json without internals: storage or workflow engine down → 503 with
/// Retry-After (<see cref="Problems.Unavailable"/>; the caller retries, nothing was half-done that a retry cannot finish); a request the
/// server refused (e.g. too large) → its status; anything else → 500 with no stack trace.
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = Classify(exception);
        if (result is null)
        {
            LogUnexpected(logger, exception);
            result = Problems.Unexpected();
        }
        else
        {
            LogUnavailable(logger, exception.GetType().Name);
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The answer for an exception that means "try again later" or "refused", or null when unexpected.</summary>
    public static IResult? Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.TooLarge(ApiBody.MaxBytes),
        RequestFailedException { Status: 0 or >= 500 } or TimeoutException or HttpRequestException => Problems.Unavailable(),
        // Our own table, container or queue is gone (storage reset under a running app): nothing the caller sent
        // is wrong, and a retry succeeds once it is back, so the sender must keep the request.
        RequestFailedException { Status: 404, ErrorCode: "TableNotFound" or "ContainerNotFound" or "QueueNotFound" } => Problems.Unavailable(),
        // The engine answers Unknown or Internal when its own storage call failed ("Exception was thrown by handler"):
        // on the server through the in-process sidecar, on Functions through the host's durable extension.
        RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Unknown or StatusCode.Internal or StatusCode.ResourceExhausted }
            => Problems.Unavailable(),
        AggregateException { InnerException: { } inner } => Classify(inner),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503: a dependency is unavailable ({ExceptionType}).")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error while handling a request.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
