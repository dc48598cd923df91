using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>Staff, assignment and attention routes as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class StaffFunctions(ApiEndpoints api)
{
    [Function(nameof(AssignIncident))]
    public IResult AssignIncident(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/assign")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(AssignIncident), request, workflows);

    [Function(nameof(UnassignIncident))]
    public IResult UnassignIncident(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/unassign")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(UnassignIncident), request, workflows);

    [Function(nameof(DismissAttention))]
    public IResult DismissAttention(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/attention/dismiss")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(DismissAttention), request, workflows);

    [Function(nameof(ListStaff))]
    public IResult ListStaff(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/staff")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ListStaff), request, workflows);

    [Function(nameof(AddStaffMember))]
    public IResult AddStaffMember(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/staff")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(AddStaffMember), request, workflows);

    [Function(nameof(RevokeStaffMember))]
    public IResult RevokeStaffMember(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/staff/{id}/revoke")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(RevokeStaffMember), request, workflows);

    [Function(nameof(WhoAmI))]
    public IResult WhoAmI(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/staff/me")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(WhoAmI), request, workflows);

    [Function(nameof(MyIncidents))]
    public IResult MyIncidents(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/staff/me/incidents")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(MyIncidents), request, workflows);
}
