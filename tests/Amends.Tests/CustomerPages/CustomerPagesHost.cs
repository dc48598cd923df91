using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Amends.Api;
using Amends.Tests.Fixtures;

namespace Amends.Tests.CustomerPages;

/// <summary>
/// The HTTP surface in process with a configured link key (the test host's web app and its workflow
/// host are two containers, which must sign and check links alike, as the server's one process does),
/// and what a browser or a customer reading an email does with the pages.
/// </summary>
internal static partial class CustomerPagesHost
{
    public const string Secret = "customer-link-secret-for-tests-0123456789";

    public static Task<AmendsApiHost> StartAsync(
        AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        Dictionary<string, string?> all = new() { ["Amends:CustomerLinks:Secret"] = Secret };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return AmendsApiHost.StartAsync(azurite, all, services);
    }

    /// <summary>The incident's current status link, as staff (and the console) get it; the path part, for the in-process client.</summary>
    public static async Task<string> StatusPathAsync(this AmendsApiHost host, string id)
    {
        var link = await host.Staff.GetFromJsonAsync<StatusLink>($"/api/v1/incidents/{id}/status-link", ApiJson.Options, TestContext.Current.CancellationToken);
        return new Uri(link!.Url).PathAndQuery;
    }

    /// <summary>GET as a customer's browser: the status code and the page's text with entities decoded.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> PageAsync(this AmendsApiHost host, string path, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    /// <summary>The form key the page put in its form.</summary>
    public static string FormKey(string html) => FormKeyField().Match(html) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("The page has no form key.");

    /// <summary>Every link to our customer pages in an email's body, as paths.</summary>
    public static IReadOnlyList<string> PagePaths(string body, string page) =>
        [.. Links().Matches(body).Select(m => new Uri(m.Value).PathAndQuery).Where(p => p.StartsWith($"/{page}/", StringComparison.Ordinal))];

    [GeneratedRegex("name=\"form_key\" value=\"([^\"]+)\"")]
    private static partial Regex FormKeyField();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
