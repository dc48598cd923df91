using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>Reads a JSON request body with a size limit, answering every way it can be wrong with problem+json.</summary>
public static class ApiBody
{
    /// <summary>The largest JSON body the API takes.</summary>
    public const long MaxBytes = 256 * 1024;

    /// <summary>Reads and deserializes the body.</summary>
    /// <returns>The value and the raw bytes, or the error to answer with.</returns>
    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return new(null, [], Problems.TooLarge(MaxBytes));
        }

        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, [], Problems.NotJson());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return new(null, [], Problems.TooLarge(MaxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        var raw = buffer.ToArray();
        if (raw.Length == 0)
        {
            return new(null, raw, Problems.Invalid("body", "A JSON body is required."));
        }

        try
        {
            return JsonSerializer.Deserialize<T>(raw, ApiJson.Options) is { } value
                ? new(value, raw, null)
                : new(null, raw, Problems.Invalid("body", "A JSON object is required."));
        }
        catch (JsonException e)
        {
            return new(null, raw, Problems.Invalid(FieldOf(e.Path), "Malformed JSON or a value of the wrong type."));
        }
    }

    // "$.customerEmail" → "customerEmail"; the root or an unknown place → "body".
    private static string FieldOf(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}

/// <summary>A request body as read: the value, or the error to answer with.</summary>
/// <typeparam name="T">The body's type.</typeparam>
/// <param name="Value">The value, when it was read.</param>
/// <param name="Raw">The raw bytes.</param>
/// <param name="Error">The answer to give when it could not be read.</param>
public sealed record BodyResult<T>(T? Value, byte[] Raw, IResult? Error);
