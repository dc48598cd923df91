using Amends.Functions.Api;
using Amends.Resolve;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>The product trigger hands over to the server's handler with the route id and the app's staff actions.</summary>
public sealed class ProductSkuFunctionsTests
{
    private readonly Mock<IApiHandlers> handlers = new(MockBehavior.Strict);
    private readonly IResult answer = Mock.Of<IResult>();
    private readonly HttpRequest request = TestHttp.Context("POST", """{"sku":"KETTLE-02"}""").Request;
    private readonly CancellationToken token = new CancellationTokenSource().Token;
    private readonly StaffActions actions = TestHttp.Service<StaffActions>();

    [Fact]
    public async Task SetProductSku_passes_the_route_id_and_the_request()
    {
        handlers.Setup(h => h.SetProductSkuAsync("INC-1", request, actions, token)).ReturnsAsync(answer);

        Assert.Same(answer, await new ProductSkuFunctions(handlers.Object, actions).SetProductSkuAsync(request, "INC-1", token));
        handlers.Verify(h => h.SetProductSkuAsync("INC-1", request, actions, token), Times.Once);
    }
}
