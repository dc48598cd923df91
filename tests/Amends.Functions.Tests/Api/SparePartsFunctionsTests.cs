using Amends.Functions.Api;
using Amends.SpareParts;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>The spare-part triggers hand over to the server's handlers, with the app's stock, and answer with what they return.</summary>
public sealed class SparePartsFunctionsTests
{
    private readonly Mock<IApiHandlers> handlers = new(MockBehavior.Strict);
    private readonly IResult answer = Mock.Of<IResult>();
    private readonly HttpRequest request = TestHttp.Context(query: "?sku=KETTLE-01").Request;
    private readonly CancellationToken token = new CancellationTokenSource().Token;
    private readonly SpareStock stock = TestHttp.Service<SpareStock>();

    [Fact]
    public async Task ListSpareParts_passes_the_request_with_its_sku()
    {
        handlers.Setup(h => h.ListSparePartsAsync(request, stock, token)).ReturnsAsync(answer);

        Assert.Same(answer, await new SparePartsFunctions(handlers.Object, stock).ListSparePartsAsync(request, token));
        handlers.Verify(h => h.ListSparePartsAsync(request, stock, token), Times.Once);
    }

    [Fact]
    public async Task PutSparePart_passes_the_route_part_sku_and_the_request()
    {
        handlers.Setup(h => h.PutSparePartAsync("KETTLE-01-LID", request, stock, token)).ReturnsAsync(answer);

        Assert.Same(answer, await new SparePartsFunctions(handlers.Object, stock).PutSparePartAsync(request, "KETTLE-01-LID", token));
        handlers.Verify(h => h.PutSparePartAsync("KETTLE-01-LID", request, stock, token), Times.Once);
    }
}
