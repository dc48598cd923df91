using Amends.Compensate;
using Amends.Functions.Api;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>The compensation trigger hands the route's incident id to the server's handler with the app's policy and clock.</summary>
public sealed class CompensationFunctionsTests
{
    [Fact]
    public async Task ProposeCompensation_asks_the_servers_handler_for_the_routes_incident()
    {
        var handlers = new Mock<IApiHandlers>(MockBehavior.Strict);
        var answer = Mock.Of<IResult>();
        var token = new CancellationTokenSource().Token;
        var store = TestHttp.Service<IncidentStore>();
        var policy = TestHttp.Service<IOptions<CompensationPolicy>>();
        var clock = TestHttp.Service<TimeProvider>();
        handlers.Setup(h => h.ProposeCompensationAsync("AMD-7K3M9Q2X", store, policy, clock, token)).ReturnsAsync(answer);

        var result = await new CompensationFunctions(handlers.Object, store, policy, clock).ProposeCompensationAsync(TestHttp.Context().Request, "AMD-7K3M9Q2X", token);

        Assert.Same(answer, result);
        handlers.Verify(h => h.ProposeCompensationAsync("AMD-7K3M9Q2X", store, policy, clock, token), Times.Once);
    }
}
