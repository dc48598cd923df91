using Amends.Functions.Api;
using Microsoft.DurableTask.Client;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>
/// A customer-page link we never made gets the same plain page from both hosts.
/// </summary>
public sealed class CustomerPagesFunctionsTests
{
    private readonly DurableTaskClient workflows = new Mock<DurableTaskClient>("functions").Object;

    [Theory]
    [InlineData("/status/not-a-token")]
    [InlineData("/satisfaction/not-a-token?score=5")]
    public async Task Both_hosts_refuse_a_link_we_never_made_with_the_same_page(string target)
    {
        await using var server = await ServerSurface.StartAsync();
        using var expected = await server.Client().GetAsync(target, TestContext.Current.CancellationToken);
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var http = TestHttp.Context(query: query < 0 ? null : target[query..], path: query < 0 ? target : target[..query]);
        var pages = TestHttp.Functions<CustomerPagesFunctions>();

        var result = target.StartsWith("/status/", StringComparison.Ordinal)
            ? pages.ShowStatus(http.Request, workflows)
            : pages.ShowSatisfaction(http.Request, workflows);
        var (code, body) = await TestHttp.RunAsync(result, http);

        Assert.Equal(404, (int)expected.StatusCode);
        Assert.Equal(404, code);
        Assert.Equal(expected.Content.Headers.ContentType?.ToString(), http.Response.ContentType);
        Assert.Equal(await expected.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), body);
        Assert.Contains("This link does not work", body, StringComparison.Ordinal);
    }
}
