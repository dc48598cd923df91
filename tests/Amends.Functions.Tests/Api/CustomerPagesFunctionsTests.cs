using Amends.CustomerPages;
using Amends.Functions.Api;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>
/// The customer-page and status-link triggers hand over to the server's handlers with the app's pages
/// and links; a link we never made gets the same plain page from both hosts.
/// </summary>
public sealed class CustomerPagesFunctionsTests
{
    private const string Token = "AMD-7K3M9Q2X.0.1767225600.signature";
    private readonly Mock<IApiHandlers> handlers = new(MockBehavior.Strict);
    private readonly IResult answer = Mock.Of<IResult>();
    private readonly HttpRequest request = TestHttp.Context("POST").Request;
    private readonly CancellationToken token = new CancellationTokenSource().Token;
    private readonly DurableTaskClient workflows = new Mock<DurableTaskClient>("functions").Object;
    private readonly IncidentStore store = TestHttp.Service<IncidentStore>();
    private readonly CustomerLinks.CustomerLinks links = TestHttp.Service<CustomerLinks.CustomerLinks>();
    private readonly StatusPage status = TestHttp.Service<StatusPage>();
    private readonly SatisfactionPage satisfaction = TestHttp.Service<SatisfactionPage>();
    private readonly PolicyPage policy = TestHttp.Service<PolicyPage>();

    private CustomerPagesFunctions Functions => new(handlers.Object, store, links, status, satisfaction, policy);

    [Fact]
    public async Task Every_trigger_passes_its_route_values_and_the_apps_services()
    {
        handlers.Setup(h => h.GetStatusLinkAsync("AMD-7K3M9Q2X", store, links, token)).ReturnsAsync(answer);
        handlers.Setup(h => h.RevokeStatusLinkAsync("AMD-7K3M9Q2X", store, links, token)).ReturnsAsync(answer);
        handlers.Setup(h => h.ShowStatusAsync(Token, request, status, token)).ReturnsAsync(answer);
        handlers.Setup(h => h.PostStatusMessageAsync(Token, request, status, workflows, token)).ReturnsAsync(answer);
        handlers.Setup(h => h.ShowSatisfactionAsync(Token, request, satisfaction, token)).ReturnsAsync(answer);
        handlers.Setup(h => h.CommentOnSatisfactionAsync(Token, request, satisfaction, token)).ReturnsAsync(answer);
        handlers.Setup(h => h.ShowReturnPolicyAsync(request, policy, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions.GetStatusLinkAsync(request, "AMD-7K3M9Q2X", token));
        Assert.Same(answer, await Functions.RevokeStatusLinkAsync(request, "AMD-7K3M9Q2X", token));
        Assert.Same(answer, await Functions.ShowStatusAsync(request, Token, token));
        Assert.Same(answer, await Functions.PostStatusMessageAsync(request, Token, workflows, token));
        Assert.Same(answer, await Functions.ShowSatisfactionAsync(request, Token, token));
        Assert.Same(answer, await Functions.CommentOnSatisfactionAsync(request, Token, token));
        Assert.Same(answer, await Functions.ShowReturnPolicyAsync(request, token));
        handlers.VerifyAll();
    }

    [Theory]
    [InlineData("/status/not-a-token")]
    [InlineData("/satisfaction/not-a-token?score=5")]
    public async Task Both_hosts_refuse_a_link_we_never_made_with_the_same_page(string target)
    {
        await using var server = await ServerSurface.StartAsync();
        using var expected = await server.Client().GetAsync(target, TestContext.Current.CancellationToken);
        var http = TestHttp.Context(query: target.Contains('?', StringComparison.Ordinal) ? target[target.IndexOf('?', StringComparison.Ordinal)..] : null);
        var pages = new CustomerPagesFunctions(new ApiHandlers(), store, links, status, satisfaction, policy);

        var result = target.StartsWith("/status/", StringComparison.Ordinal)
            ? await pages.ShowStatusAsync(http.Request, "not-a-token", TestContext.Current.CancellationToken)
            : await pages.ShowSatisfactionAsync(http.Request, "not-a-token", TestContext.Current.CancellationToken);
        var (code, body) = await TestHttp.RunAsync(result, http);

        Assert.Equal(404, (int)expected.StatusCode);
        Assert.Equal(404, code);
        Assert.Equal(expected.Content.Headers.ContentType?.ToString(), http.Response.ContentType);
        Assert.Equal(await expected.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), body);
        Assert.Contains("This link does not work", body, StringComparison.Ordinal);
    }
}
