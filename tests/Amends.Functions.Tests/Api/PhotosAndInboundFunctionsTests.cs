using Amends.Functions.Api;
using Amends.Inbound;
using Amends.Photos;
using Amends.Resolve;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>The photo and inbound-mail triggers hand over to the server's handlers and answer with what they return.</summary>
public sealed class PhotosAndInboundFunctionsTests
{
    private readonly Mock<IApiHandlers> handlers = new(MockBehavior.Strict);
    private readonly DurableTaskClient workflows = new Mock<DurableTaskClient>("functions").Object;
    private readonly IResult answer = Mock.Of<IResult>();
    private readonly HttpRequest request = TestHttp.Context("POST").Request;
    private readonly CancellationToken token = new CancellationTokenSource().Token;
    private readonly IncidentStore store = TestHttp.Service<IncidentStore>();
    private readonly PhotoChecks checks = TestHttp.Service<PhotoChecks>();
    private readonly IncidentPhotos photos = TestHttp.Service<IncidentPhotos>();
    private readonly StaffActions actions = TestHttp.Service<StaffActions>();
    private readonly IOptions<PhotoOptions> photoOptions = TestHttp.Service<IOptions<PhotoOptions>>();
    private readonly TimeProvider clock = TestHttp.Service<TimeProvider>();
    private readonly InboundMailbox mailbox = TestHttp.Service<InboundMailbox>();
    private readonly InboundAuthentication authentication = TestHttp.Service<InboundAuthentication>();
    private readonly IOptions<InboundOptions> inboundOptions = TestHttp.Service<IOptions<InboundOptions>>();
    private readonly MailArchive archive = TestHttp.Service<MailArchive>();
    private readonly InboundCapacity capacity = TestHttp.Service<InboundCapacity>();

    private PhotosFunctions Photos() => new(handlers.Object, store, checks, photos, actions, photoOptions, clock);

    private InboundEmailFunctions Inbound() => new(handlers.Object, mailbox, authentication, inboundOptions, capacity, archive);

    [Fact]
    public async Task ListPhotos_passes_the_incident_id()
    {
        handlers.Setup(h => h.ListPhotosAsync("INC-1", store, photos, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Photos().ListPhotosAsync(request, "INC-1", token));
        handlers.Verify(h => h.ListPhotosAsync("INC-1", store, photos, token), Times.Once);
    }

    [Fact]
    public async Task ReadPhoto_passes_the_id_name_and_the_response_the_photo_is_streamed_to()
    {
        handlers.Setup(h => h.ReadPhotoAsync("INC-1", "abc.jpg", request.HttpContext.Response, photos, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Photos().ReadPhotoAsync(request, "INC-1", "abc.jpg", token));
        handlers.Verify(h => h.ReadPhotoAsync("INC-1", "abc.jpg", request.HttpContext.Response, photos, token), Times.Once);
    }

    [Fact]
    public async Task AddPhotos_passes_the_upload_with_the_apps_checks_and_the_durable_client()
    {
        handlers.Setup(h => h.AddPhotosAsync("INC-1", request, store, checks, photos, actions, photoOptions, clock, workflows, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Photos().AddPhotosAsync(request, "INC-1", workflows, token));
        handlers.Verify(h => h.AddPhotosAsync("INC-1", request, store, checks, photos, actions, photoOptions, clock, workflows, token), Times.Once);
    }

    [Fact]
    public async Task ReceiveInboundEmail_passes_the_post_to_the_mailbox_handler_with_the_durable_client()
    {
        handlers.Setup(h => h.ReceiveInboundEmailAsync(request, mailbox, authentication, inboundOptions, capacity, workflows, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Inbound().ReceiveInboundEmailAsync(request, workflows, token));
        handlers.Verify(h => h.ReceiveInboundEmailAsync(request, mailbox, authentication, inboundOptions, capacity, workflows, token), Times.Once);
    }

    [Fact]
    public async Task ReadInboundMail_passes_the_archived_name()
    {
        handlers.Setup(h => h.ReadInboundMailAsync("20261125-abc", archive, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Inbound().ReadInboundMailAsync(request, "20261125-abc", token));
        handlers.Verify(h => h.ReadInboundMailAsync("20261125-abc", archive, token), Times.Once);
    }
}
