using Amends.Compensate;
using Amends.Functions.Api;
using Amends.Intake;
using Amends.Resolve;
using Amends.Returns;
using Amends.Storage;
using Amends.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>
/// Each incident trigger hands its request, route value, durable client and cancellation token to the
/// server's handler for its route, with the app's own services, and answers with exactly what the
/// handler returned.
/// </summary>
public sealed class IncidentsFunctionsTests
{
    private readonly Mock<IApiHandlers> handlers = new(MockBehavior.Strict);
    private readonly DurableTaskClient workflows = new Mock<DurableTaskClient>("functions").Object;
    private readonly IResult answer = Mock.Of<IResult>();
    private readonly HttpRequest request = TestHttp.Context("POST", "{}").Request;
    private readonly CancellationToken token = new CancellationTokenSource().Token;
    private readonly IncidentIntake intake = TestHttp.Service<IncidentIntake>();
    private readonly IncidentStore store = TestHttp.Service<IncidentStore>();
    private readonly StaffActions actions = TestHttp.Service<StaffActions>();
    private readonly ReturnLabels labels = TestHttp.Service<ReturnLabels>();
    private readonly IOptions<SilenceOptions> silence = TestHttp.Service<IOptions<SilenceOptions>>();
    private readonly IOptions<CompensationPolicy> compensation = TestHttp.Service<IOptions<CompensationPolicy>>();
    private readonly TimeProvider clock = TestHttp.Service<TimeProvider>();

    private IncidentsFunctions Functions() => new(handlers.Object, intake, store, actions, labels, silence, compensation, clock);

    [Fact]
    public async Task CreateIncident_opens_the_incident_through_the_servers_create_handler()
    {
        handlers.Setup(h => h.CreateIncidentAsync(request, intake, silence, workflows, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().CreateIncidentAsync(request, workflows, token));
        handlers.Verify(h => h.CreateIncidentAsync(request, intake, silence, workflows, token), Times.Once);
    }

    [Fact]
    public async Task ListIncidents_answers_with_the_servers_queue()
    {
        handlers.Setup(h => h.ListIncidentsAsync(request, store, silence, clock, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().ListIncidentsAsync(request, token));
        handlers.Verify(h => h.ListIncidentsAsync(request, store, silence, clock, token), Times.Once);
    }

    [Fact]
    public async Task GetIncident_passes_the_route_id()
    {
        handlers.Setup(h => h.GetIncidentAsync("INC-1", store, silence, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().GetIncidentAsync(request, "INC-1", token));
        handlers.Verify(h => h.GetIncidentAsync("INC-1", store, silence, token), Times.Once);
    }

    [Fact]
    public async Task PostStaffUpdate_passes_the_id_request_and_durable_client()
    {
        handlers.Setup(h => h.PostStaffUpdateAsync("INC-1", request, actions, workflows, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().PostStaffUpdateAsync(request, "INC-1", workflows, token));
        handlers.Verify(h => h.PostStaffUpdateAsync("INC-1", request, actions, workflows, token), Times.Once);
    }

    [Fact]
    public async Task AddInternalNote_passes_the_id_and_request()
    {
        handlers.Setup(h => h.AddInternalNoteAsync("INC-1", request, actions, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().AddInternalNoteAsync(request, "INC-1", token));
        handlers.Verify(h => h.AddInternalNoteAsync("INC-1", request, actions, token), Times.Once);
    }

    [Fact]
    public async Task Diagnose_passes_the_id_and_request()
    {
        handlers.Setup(h => h.DiagnoseAsync("INC-1", request, actions, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().DiagnoseAsync(request, "INC-1", token));
        handlers.Verify(h => h.DiagnoseAsync("INC-1", request, actions, token), Times.Once);
    }

    [Fact]
    public async Task ChooseResolution_passes_the_id_request_and_durable_client()
    {
        handlers.Setup(h => h.ChooseResolutionAsync("INC-1", request, actions, workflows, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().ChooseResolutionAsync(request, "INC-1", workflows, token));
        handlers.Verify(h => h.ChooseResolutionAsync("INC-1", request, actions, workflows, token), Times.Once);
    }

    [Fact]
    public async Task Resolve_passes_the_id_request_and_durable_client()
    {
        handlers.Setup(h => h.ResolveAsync("INC-1", request, actions, compensation, workflows, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().ResolveAsync(request, "INC-1", workflows, token));
        handlers.Verify(h => h.ResolveAsync("INC-1", request, actions, compensation, workflows, token), Times.Once);
    }

    [Fact]
    public async Task ResumeWorkflow_passes_the_id_request_and_durable_client()
    {
        handlers.Setup(h => h.ResumeWorkflowAsync("INC-1", request, actions, workflows, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().ResumeWorkflowAsync(request, "INC-1", workflows, token));
        handlers.Verify(h => h.ResumeWorkflowAsync("INC-1", request, actions, workflows, token), Times.Once);
    }

    [Fact]
    public async Task PostTracking_passes_the_id_request_and_durable_client()
    {
        handlers.Setup(h => h.PostTrackingAsync("INC-1", request, actions, workflows, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().PostTrackingAsync(request, "INC-1", workflows, token));
        handlers.Verify(h => h.PostTrackingAsync("INC-1", request, actions, workflows, token), Times.Once);
    }

    [Fact]
    public async Task GetReturnLabel_passes_the_route_id_and_the_label_store()
    {
        handlers.Setup(h => h.GetReturnLabelAsync("INC-1", store, labels, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().GetReturnLabelAsync(request, "INC-1", token));
        handlers.Verify(h => h.GetReturnLabelAsync("INC-1", store, labels, token), Times.Once);
    }
}
