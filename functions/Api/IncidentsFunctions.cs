using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>
/// The incident routes of the store API as HTTP triggers: the same methods and templates as the
/// standalone server (host.json sets no route prefix, so templates start with api/, beside the customer
/// pages at the root), each one line into the same handler.
/// Staff routes take a function key, as the server's take its API key.
/// </summary>
public sealed class IncidentsFunctions(ApiEndpoints api)
{
    [Function(nameof(CreateIncident))]
    public IResult CreateIncident(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(CreateIncident), request, workflows);

    [Function(nameof(ListIncidents))]
    public IResult ListIncidents(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ListIncidents), request, workflows);

    [Function(nameof(GetIncident))]
    public IResult GetIncident(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(GetIncident), request, workflows);

    [Function(nameof(PostStaffUpdate))]
    public IResult PostStaffUpdate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/updates")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(PostStaffUpdate), request, workflows);

    [Function(nameof(AddInternalNote))]
    public IResult AddInternalNote(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/notes")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(AddInternalNote), request, workflows);

    [Function(nameof(Diagnose))]
    public IResult Diagnose(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/diagnosis")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(Diagnose), request, workflows);

    [Function(nameof(ChooseResolution))]
    public IResult ChooseResolution(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/resolution")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ChooseResolution), request, workflows);

    [Function(nameof(Resolve))]
    public IResult Resolve(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/resolve")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(Resolve), request, workflows);

    [Function(nameof(ResumeWorkflow))]
    public IResult ResumeWorkflow(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/resume")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ResumeWorkflow), request, workflows);

    [Function(nameof(PostTracking))]
    public IResult PostTracking(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/tracking")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(PostTracking), request, workflows);

    [Function(nameof(GetReturnLabel))]
    public IResult GetReturnLabel(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/return-label")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(GetReturnLabel), request, workflows);
}
