using Amends.Resolve;
using Amends.Staff;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Amends.Functions.Api;

/// <summary>Staff, assignment and attention routes as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class StaffFunctions(IApiHandlers handlers, StaffActions actions, StaffDirectory directory, IncidentStore store)
{
    [Function("AssignIncident")]
    public Task<IResult> AssignIncidentAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/assign")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.AssignIncidentAsync(id, request, actions, directory, cancellationToken);

    [Function("UnassignIncident")]
    public Task<IResult> UnassignIncidentAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/unassign")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.UnassignIncidentAsync(id, request, actions, cancellationToken);

    [Function("DismissAttention")]
    public Task<IResult> DismissAttentionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/attention/dismiss")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.DismissAttentionAsync(id, request, actions, cancellationToken);

    [Function("ListStaff")]
    public Task<IResult> ListStaffAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/staff")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.ListStaffAsync(directory, cancellationToken);

    [Function("AddStaffMember")]
    public Task<IResult> AddStaffMemberAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/staff")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.AddStaffMemberAsync(request, directory, cancellationToken);

    [Function("RevokeStaffMember")]
    public Task<IResult> RevokeStaffMemberAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/staff/{id}/revoke")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.RevokeStaffMemberAsync(id, request, directory, cancellationToken);

    [Function("WhoAmI")]
    public IResult WhoAmI(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/staff/me")] HttpRequest request) =>
        handlers.WhoAmI(request);

    [Function("MyIncidents")]
    public Task<IResult> MyIncidentsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/staff/me/incidents")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.MyIncidentsAsync(request, store, cancellationToken);
}
