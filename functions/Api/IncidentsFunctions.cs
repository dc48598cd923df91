using Amends.Compensate;
using Amends.Intake;
using Amends.Resolve;
using Amends.Returns;
using Amends.Storage;
using Amends.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Functions.Api;

/// <summary>
/// The incident routes of the store API as HTTP triggers: the same methods and templates as the
/// standalone server (host.json sets no route prefix, so templates start with api/, beside the customer
/// pages at the root), each one line into the same handler.
/// Staff routes take a function key, as the server's take its API key.
/// </summary>
public sealed class IncidentsFunctions(
    IApiHandlers handlers,
    IncidentIntake intake,
    IncidentStore store,
    StaffActions actions,
    ReturnLabels labels,
    IOptions<SilenceOptions> silence,
    IOptions<CompensationPolicy> compensation,
    TimeProvider clock)
{
    [Function("CreateIncident")]
    public Task<IResult> CreateIncidentAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents")] HttpRequest request,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.CreateIncidentAsync(request, intake, silence, workflows, cancellationToken);

    [Function("ListIncidents")]
    public Task<IResult> ListIncidentsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.ListIncidentsAsync(request, store, silence, clock, cancellationToken);

    [Function("GetIncident")]
    public Task<IResult> GetIncidentAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.GetIncidentAsync(id, store, silence, cancellationToken);

    [Function("PostStaffUpdate")]
    public Task<IResult> PostStaffUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/updates")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.PostStaffUpdateAsync(id, request, actions, workflows, cancellationToken);

    [Function("AddInternalNote")]
    public Task<IResult> AddInternalNoteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/notes")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.AddInternalNoteAsync(id, request, actions, cancellationToken);

    [Function("Diagnose")]
    public Task<IResult> DiagnoseAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/diagnosis")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.DiagnoseAsync(id, request, actions, cancellationToken);

    [Function("ChooseResolution")]
    public Task<IResult> ChooseResolutionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/resolution")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.ChooseResolutionAsync(id, request, actions, workflows, cancellationToken);

    [Function("Resolve")]
    public Task<IResult> ResolveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/resolve")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.ResolveAsync(id, request, actions, compensation, workflows, cancellationToken);

    [Function("ResumeWorkflow")]
    public Task<IResult> ResumeWorkflowAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/resume")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.ResumeWorkflowAsync(id, request, actions, workflows, cancellationToken);

    [Function("PostTracking")]
    public Task<IResult> PostTrackingAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/tracking")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.PostTrackingAsync(id, request, actions, workflows, cancellationToken);

    [Function("GetReturnLabel")]
    public Task<IResult> GetReturnLabelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/return-label")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.GetReturnLabelAsync(id, store, labels, cancellationToken);
}
