using Amends.Staff;
using Amends.Storage;
using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>The store's staff: who is signed in, the accounts (an admin adds and revokes them), and "my incidents".</summary>
public static class StaffApi
{
    /// <summary>GET /api/v1/staff: every member, revoked ones too (for the assignee list and the admin).</summary>
    public static async Task<IResult> ListAsync(StaffDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Json(await directory.ListAsync(cancellationToken), ApiJson.Options);

    /// <summary>GET /api/v1/staff/me: who the request's key or sign-in names.</summary>
    public static IResult Me(HttpRequest request) =>
        StaffIdentity.Of(request.HttpContext) is { } me
            ? TypedResults.Json(me, ApiJson.Options)
            : Problems.NotFound("This request is signed by a shared key, not by a named staff member.");

    /// <summary>GET /api/v1/staff/me/incidents: the queue of incidents assigned to the signed-in member.</summary>
    public static async Task<IResult> MyIncidentsAsync(HttpRequest request, IncidentStore store, CancellationToken cancellationToken)
    {
        if (StaffIdentity.Of(request.HttpContext) is not { } me)
        {
            return Problems.NotFound("This request is signed by a shared key, not by a named staff member.");
        }

        var query = new IncidentQuery(AssigneeId: me.Id);
        string? continuation = request.Query["continuationToken"];
        if (continuation is not null && !IncidentStore.IsContinuationToken(continuation))
        {
            return Problems.Invalid("continuationToken", "Pass back the token of the previous page unchanged.");
        }

        return TypedResults.Json(await store.ListAsync(query, continuation, 50, cancellationToken), ApiJson.Options);
    }

    /// <summary>POST /api/v1/staff: an admin adds a member; the answer holds their key, shown this once.</summary>
    public static async Task<IResult> AddAsync(HttpRequest request, StaffDirectory directory, CancellationToken cancellationToken)
    {
        if (AdminOnly(request) is { } refused)
        {
            return refused;
        }

        var body = await ApiBody.ReadAsync<NewStaffRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        if (StaffDirectory.NameProblem(body.Value!.Name) is { } problem)
        {
            return Problems.Invalid("name", problem);
        }

        var added = await directory.AddAsync(body.Value.Name!, body.Value.Admin ?? false, cancellationToken);
        return TypedResults.Json(added, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>POST /api/v1/staff/{id}/revoke: an admin revokes a member's key; 404 for nobody, 409 for the owner.</summary>
    public static async Task<IResult> RevokeAsync(string id, HttpRequest request, StaffDirectory directory, CancellationToken cancellationToken)
    {
        if (AdminOnly(request) is { } refused)
        {
            return refused;
        }

        if (id == StaffMember.OwnerId)
        {
            return Problems.Conflict("The owner's key is the server's own (Amends:ApiKey or .amends/api-key): change it there.");
        }

        return await directory.RevokeAsync(id, cancellationToken) is { } revoked
            ? TypedResults.Json(revoked, ApiJson.Options)
            : Problems.NotFound($"There is no staff member {id}.");
    }

    private static IResult? AdminOnly(HttpRequest request) =>
        StaffIdentity.Of(request.HttpContext) is { Admin: true } ? null : Problems.Forbidden("Only an admin adds or revokes staff accounts.");
}

/// <summary>A new staff account.</summary>
/// <param name="Name">Their name, as the console and the timeline show it.</param>
/// <param name="Admin">Whether they may add and revoke accounts too.</param>
public sealed record NewStaffRequest(string? Name, bool? Admin = null);
