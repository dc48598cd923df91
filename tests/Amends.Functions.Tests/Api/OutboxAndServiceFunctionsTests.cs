using Amends.Email;
using Amends.Functions.Api;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>The outbox and health triggers hand over to the server's handlers and answer with what they return.</summary>
public sealed class OutboxAndServiceFunctionsTests
{
    private readonly Mock<IApiHandlers> handlers = new(MockBehavior.Strict);
    private readonly IResult answer = Mock.Of<IResult>();
    private readonly HttpRequest request = TestHttp.Context().Request;
    private readonly CancellationToken token = new CancellationTokenSource().Token;
    private readonly LocalOutbox outbox = TestHttp.Service<LocalOutbox>();

    [Fact]
    public void ListOutbox_lists_the_apps_outbox()
    {
        handlers.Setup(h => h.ListOutbox(outbox)).Returns(answer);

        Assert.Same(answer, new OutboxFunctions(handlers.Object, outbox).ListOutbox(request));
        handlers.Verify(h => h.ListOutbox(outbox), Times.Once);
    }

    [Fact]
    public async Task ReadOutboxEmail_passes_the_route_name()
    {
        handlers.Setup(h => h.ReadOutboxEmailAsync("20261125T100000Z-a.eml", outbox, token)).ReturnsAsync(answer);

        Assert.Same(answer, await new OutboxFunctions(handlers.Object, outbox).ReadOutboxEmailAsync(request, "20261125T100000Z-a.eml", token));
        handlers.Verify(h => h.ReadOutboxEmailAsync("20261125T100000Z-a.eml", outbox, token), Times.Once);
    }

    [Fact]
    public async Task Health_asks_the_servers_health_check_with_the_durable_client_and_storage()
    {
        var workflows = new Mock<DurableTaskClient>("functions").Object;
        var storage = TestHttp.Service<StorageAccount>();
        handlers.Setup(h => h.HealthAsync(workflows, storage, token)).ReturnsAsync(answer);

        Assert.Same(answer, await new ServiceFunctions(handlers.Object, storage).HealthAsync(request, workflows, token));
        handlers.Verify(h => h.HealthAsync(workflows, storage, token), Times.Once);
    }
}
