using Amends.Compensate;
using Amends.Functions.Api;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>The discount-code triggers hand over to the server's handlers, with the app's codes and clock, and answer with what they return.</summary>
public sealed class DiscountCodesFunctionsTests
{
    private readonly Mock<IApiHandlers> handlers = new(MockBehavior.Strict);
    private readonly IResult answer = Mock.Of<IResult>();
    private readonly HttpRequest request = TestHttp.Context("POST", """{"orderNumber":"1001"}""").Request;
    private readonly CancellationToken token = new CancellationTokenSource().Token;
    private readonly DiscountCodes codes = TestHttp.Service<DiscountCodes>();
    private readonly TimeProvider clock = TestHttp.Service<TimeProvider>();

    [Fact]
    public async Task GetDiscountCode_passes_the_route_code()
    {
        handlers.Setup(h => h.GetDiscountCodeAsync("SORRY-ABCD2345", codes, token)).ReturnsAsync(answer);

        Assert.Same(answer, await new DiscountCodesFunctions(handlers.Object, codes, clock).GetDiscountCodeAsync(request, "SORRY-ABCD2345", token));
        handlers.Verify(h => h.GetDiscountCodeAsync("SORRY-ABCD2345", codes, token), Times.Once);
    }

    [Fact]
    public async Task RedeemDiscountCode_passes_the_route_code_the_request_and_the_clock()
    {
        handlers.Setup(h => h.RedeemDiscountCodeAsync("SORRY-ABCD2345", request, codes, clock, token)).ReturnsAsync(answer);

        Assert.Same(answer, await new DiscountCodesFunctions(handlers.Object, codes, clock).RedeemDiscountCodeAsync(request, "SORRY-ABCD2345", token));
        handlers.Verify(h => h.RedeemDiscountCodeAsync("SORRY-ABCD2345", request, codes, clock, token), Times.Once);
    }
}
