using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>The one place problem+json answers are made, so every error reads the same in both hosts.</summary>
public static class Problems
{
    /// <summary>400: the request is not valid; <paramref name="errors"/> name the fields.</summary>
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid.", detail: "See errors: each names a field.");

    /// <summary>400 for one field.</summary>
    public static IResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>404: no such resource.</summary>
    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    /// <summary>401: the staff API key is missing or wrong.</summary>
    public static IResult Unauthorized(string header) =>
        TypedResults.Problem($"Send the staff API key in the {header} header.", statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated.");

    /// <summary>401 for a caller that authenticates itself (e.g. the inbound email webhook); <paramref name="detail"/> says how.</summary>
    public static IResult NotAuthenticated(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated.");

    /// <summary>403: signed in, but this needs an admin (staff accounts).</summary>
    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.");

    /// <summary>401 for a staff key that was revoked.</summary>
    public static IResult Revoked() =>
        TypedResults.Problem("This staff key was revoked; ask an admin for a new one.", statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated.");

    /// <summary>409: the request conflicts with the resource's state.</summary>
    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");

    /// <summary>409: the spare part is out of stock; <c>alternatives</c> lists the resolutions staff can choose instead.</summary>
    public static IResult OutOfStock(string partSku, IReadOnlyList<string> alternatives) =>
        TypedResults.Problem(
            $"Spare part {partSku} is out of stock. Choose another resolution: {string.Join(", ", alternatives)}.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Out of stock.",
            extensions: new Dictionary<string, object?> { ["alternatives"] = alternatives });

    /// <summary>413: the body is larger than the limit.</summary>
    public static IResult TooLarge(long limit) =>
        TypedResults.Problem($"The body is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large.");

    /// <summary>415: the body is not JSON.</summary>
    public static IResult NotJson() =>
        TypedResults.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");

    /// <summary>422: an idempotency key reused for a different request.</summary>
    public static IResult KeyReused() =>
        TypedResults.Problem("This Idempotency-Key was used for a different request.", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused.");

    /// <summary>How long a 503 asks the caller to wait before retrying, in seconds.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>503 with Retry-After: storage or the workflow engine is unavailable; the caller should retry.</summary>
    public static IResult Unavailable() =>
        new RetryLater(TypedResults.Problem("Storage is unavailable right now; nothing was lost. Retry shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable."));

    /// <summary>503 with Retry-After: the service is at capacity for this kind of request; <paramref name="detail"/> says which.</summary>
    public static IResult Busy(string detail) =>
        new RetryLater(TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service busy."));

    /// <summary>A problem answer that also tells the caller when to retry, so every 503 carries Retry-After, in both hosts.</summary>
    private sealed class RetryLater(IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }

    /// <summary>500 without internals: something we did not expect.</summary>
    public static IResult Unexpected() =>
        TypedResults.Problem("An unexpected error occurred; it has been logged.", statusCode: StatusCodes.Status500InternalServerError, title: "Internal error.");
}
