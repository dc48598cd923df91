using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Amends.Functions.Api;
using Amends.StaffConsole;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Tests.Api;

/// <summary>
/// The staff console's files as both hosts serve them: the server's route (in memory) and the Functions
/// trigger, over the files the build embedded in the library.
/// </summary>
public sealed partial class StaffConsoleTests
{
    private readonly CancellationToken token = TestContext.Current.CancellationToken;

    [Fact]
    public void The_build_embeds_the_console_with_hashed_assets()
    {
        var paths = ConsoleFiles.Current.Paths.ToList();

        Assert.Contains(ConsoleFiles.Index, paths);
        Assert.Contains(paths, p => HashedScript().IsMatch(p));
    }

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/")]
    [InlineData("/console/incidents/AMD-7K3M9Q2X")]
    [InlineData("/console/reports?category=Defective")]
    public async Task Every_page_of_the_console_is_its_index_never_cached_without_asking(string path)
    {
        await using var server = await ServerSurface.StartAsync();

        using var answer = await server.Client().GetAsync(path, token);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.True(answer.Headers.CacheControl?.NoCache);
        Assert.Contains("frame-ancestors 'none'", answer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<div id=\"app\"></div>", await answer.Content.ReadAsStringAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashed_assets_are_immutable_and_gzipped_for_browsers_that_take_gzip()
    {
        await using var server = await ServerSurface.StartAsync();
        var client = server.Client();
        var script = ScriptOf(await client.GetStringAsync("/console/", token));

        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var answer = await client.SendAsync(request, token);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/javascript", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), answer.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", answer.Headers.CacheControl!.Extensions.Select(e => e.Name));
        Assert.Equal(["gzip"], answer.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", answer.Headers.Vary);
        await using var unzipped = new GZipStream(await answer.Content.ReadAsStreamAsync(token), CompressionMode.Decompress);
        using var reader = new StreamReader(unzipped);
        Assert.False(string.IsNullOrWhiteSpace(await reader.ReadToEndAsync(token)));
    }

    [Fact]
    public async Task A_browser_that_has_the_file_gets_304()
    {
        await using var server = await ServerSurface.StartAsync();
        var client = server.Client();
        using var first = await client.GetAsync("/console/", token);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/console/");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var answer = await client.SendAsync(again, token);

        Assert.Equal(HttpStatusCode.NotModified, answer.StatusCode);
    }

    [Theory]
    [InlineData("/console/assets/index-00000000.js")]
    [InlineData("/console/favicon.ico")]
    [InlineData("/console/assets/")]
    [InlineData("/console/index.html.bak")]
    public async Task A_file_the_console_does_not_have_is_404_and_no_folder_is_listed(string path)
    {
        await using var server = await ServerSurface.StartAsync();

        using var answer = await server.Client().GetAsync(path, token);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_Functions_trigger_serves_what_the_server_serves()
    {
        await using var server = await ServerSurface.StartAsync();
        var index = await server.Client().GetStringAsync("/console/incidents/AMD-7K3M9Q2X", token);
        var http = TestHttp.Context(path: "/console/incidents/AMD-7K3M9Q2X");

        var (status, body) = await TestHttp.RunAsync(TestHttp.Functions<StaffConsoleFunctions>().StaffConsole(http.Request, new Moq.Mock<DurableTaskClient>("functions").Object), http);

        Assert.Equal(200, status);
        Assert.Equal(index, body);
        Assert.Equal("no-cache", http.Response.Headers.CacheControl.ToString());
    }

    private static string ScriptOf(string index) => ScriptTag().Match(index).Groups["src"].Value;

    [GeneratedRegex(@"^assets/index-[\w-]+\.js$")]
    private static partial Regex HashedScript();

    [GeneratedRegex("<script[^>]+src=\"(?<src>/console/assets/[^\"]+)\"")]
    private static partial Regex ScriptTag();
}
