using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>The open routes: health, and the OpenAPI document the server serves at the same path.</summary>
public sealed class ServiceFunctions(ApiEndpoints api)
{
    /// <summary>The media type the server answers the OpenAPI document with.</summary>
    public const string OpenApiContentType = "application/json;charset=utf-8";

    private static readonly Lazy<string> Document = new(ReadDocument);

    [Function(nameof(Health))]
    public IResult Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/v1/health")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(Health), request, workflows);

    // The server maps its document outside AmendsApi (MapOpenApi), so this route is the Functions app's own.
    [Function(nameof(OpenApiDocument))]
    public IResult OpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/v1/openapi.json")] HttpRequest request) =>
        TypedResults.Text(Document.Value, OpenApiContentType);

    /// <summary>
    /// docs/openapi.json, embedded: the server's own document, written by a test from the server's
    /// OpenAPI generator (which the Functions worker cannot run over triggers).
    /// </summary>
    public static string ReadDocument()
    {
        using var stream = typeof(ServiceFunctions).Assembly.GetManifestResourceStream("openapi.json")
            ?? throw new InvalidOperationException("docs/openapi.json is not embedded in the Functions app.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
