using Amends.StaffConsole;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Amends.Api;

/// <summary>
/// GET /console/{*path}: the staff console's files, from the same origin as the API. The files are
/// public (the API behind them is not); a page path the browser routes gets index.html, an asset
/// that does not exist a 404, and nothing lists a folder.
/// </summary>
public static class StaffConsoleApi
{
    /// <summary>The console's route on both hosts.</summary>
    public const string Route = "/console/{*path}";

    private const string IndexPolicy =
        "default-src 'self'; img-src 'self' blob: data:; connect-src 'self'; style-src 'self'; script-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Answers <paramref name="path"/> (relative to /console) from the embedded files.</summary>
    public static IResult Serve(string? path, HttpContext context)
    {
        var files = ConsoleFiles.Current;
        path = (path ?? "").TrimStart('/');
        var file = files.Find(path);
        if (file is null)
        {
            // A path whose last segment has no dot is a page of the console (e.g. incidents/AMD-7K3M9Q2X);
            // anything else was meant to be a file, and there is no such file.
            var last = path[(path.LastIndexOf('/') + 1)..];
            var page = !path.StartsWith("assets/", StringComparison.Ordinal) && !last.Contains('.', StringComparison.Ordinal);
            file = page ? files.Find(ConsoleFiles.Index) : null;
            if (file is null)
            {
                return Problems.NotFound($"The console has no file {path}.");
            }
        }

        var headers = context.Response.Headers;
        headers.CacheControl = file.Immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (file.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = IndexPolicy;
        }

        var gzip = file.Gzipped is not null && AcceptsGzip(context.Request);
        if (file.Gzipped is not null)
        {
            headers.Vary = HeaderNames.AcceptEncoding;
        }

        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }

        // Each encoding is its own representation, so each has its own tag.
        var tag = new EntityTagHeaderValue($"\"{file.ETag}{(gzip ? "-gz" : "")}\"");
        return TypedResults.Bytes(gzip ? file.Gzipped! : file.Content, file.ContentType, entityTag: tag);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var codings)
        && codings.Any(c => string.Equals(c.Value.Value, "gzip", StringComparison.OrdinalIgnoreCase) && c.Quality is not 0);
}
