using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amends.Functions.Api;
using Microsoft.AspNetCore.Http;

namespace Amends.Functions.Tests.Parity;

/// <summary>
/// The Functions worker cannot run ASP.NET Core's OpenAPI generator over its triggers, so it serves
/// docs/openapi.json, the server's own document, at the server's path. This test regenerates that
/// document the way the server does (same routes, JSON options, OpenAPI services and XML docs) and
/// fails while the committed file is stale. To refresh it after changing a route:
/// AMENDS_UPDATE_OPENAPI=1 dotnet test tests/Amends.Functions.Tests -c Release, then run the tests
/// again (the rebuild embeds the new file in the Functions app) and commit docs/openapi.json.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string CommittedPath = Path.Combine(FunctionsMetadata.RepositoryRoot(), "docs", "openapi.json");

    [Fact]
    public async Task The_committed_document_is_the_one_the_server_serves()
    {
        await using var server = await ServerSurface.StartAsync();
        using var response = await server.Client().GetAsync(ServerSurface.OpenApiPath, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var generated = Committable(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        if (Environment.GetEnvironmentVariable("AMENDS_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, generated, TestContext.Current.CancellationToken);
        }

        var committed = File.Exists(CommittedPath) ? await File.ReadAllTextAsync(CommittedPath, TestContext.Current.CancellationToken) : "";
        Assert.True(
            committed == generated,
            "docs/openapi.json is not the server's current OpenAPI document. Regenerate it: AMENDS_UPDATE_OPENAPI=1 dotnet test tests/Amends.Functions.Tests -c Release, run the tests again, then commit docs/openapi.json.");
    }

    [Fact]
    public async Task The_functions_app_serves_the_committed_document_as_the_server_does()
    {
        await using var server = await ServerSurface.StartAsync();
        using var serverResponse = await server.Client().GetAsync(ServerSurface.OpenApiPath, TestContext.Current.CancellationToken);
        var http = TestHttp.Context();

        var result = TestHttp.Functions<ServiceFunctions>().OpenApiDocument(http.Request);
        await result.ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.Equal(serverResponse.Content.Headers.ContentType!.ToString().Replace(" ", "", StringComparison.Ordinal), http.Response.ContentType!.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(await File.ReadAllTextAsync(CommittedPath, TestContext.Current.CancellationToken), TestHttp.Body(http));
    }

    /// <summary>Indented by two spaces, "+" and the like unescaped: the server's own layout, byte for byte.</summary>
    private static readonly JsonSerializerOptions WrittenAsTheServerDoes = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The server's document less its "servers" list, which names the host that answered (here the
    /// test server); without it, clients resolve paths against the host they fetched the document from,
    /// which is right for both hosts.
    /// </summary>
    private static string Committable(string document)
    {
        var json = JsonNode.Parse(document)!.AsObject();
        json.Remove("servers");
        return json.ToJsonString(WrittenAsTheServerDoes).ReplaceLineEndings("\n") + "\n";
    }
}
