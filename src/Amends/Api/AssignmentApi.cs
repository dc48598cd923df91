using Amends.Incidents;
using Amends.Resolve;
using Amends.Staff;
using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>Who is on an incident, and its attention flag: assign, unassign, dismiss.</summary>
public static class AssignmentApi
{
    /// <summary>What <c>assignee</c> (and <c>staffId</c>) take for the signed-in member.</summary>
    public const string Me = "me";

    /// <summary>POST /api/v1/incidents/{id}/assign: a staff member (or <c>me</c>) is on it.</summary>
    public static async Task<IResult> AssignAsync(
        string id, HttpRequest request, StaffActions actions, StaffDirectory directory, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<AssignRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var staffId = body.Value!.StaffId?.Trim();
        if (string.IsNullOrEmpty(staffId))
        {
            return Problems.Invalid("staffId", $"Required: a staff member's id, or \"{Me}\". To leave nobody on it, unassign.");
        }

        if (staffId == Me)
        {
            if (StaffIdentity.Of(request.HttpContext) is not { } signedIn)
            {
                return Problems.Invalid("staffId", $"\"{Me}\" needs a sign-in by name; give a staff member's id.");
            }

            staffId = signedIn.Id;
        }

        if (await directory.FindAsync(staffId, cancellationToken) is not { Active: true } member)
        {
            return Problems.NotFound($"There is no active staff member {staffId}.");
        }

        return Answer(id, await actions.As(StaffIdentity.NameOf(request)).AssignAsync(id, new Assignee(member.Id, member.Name), cancellationToken));
    }

    /// <summary>POST /api/v1/incidents/{id}/unassign: nobody is on it.</summary>
    public static async Task<IResult> UnassignAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken) =>
        Answer(id, await actions.As(StaffIdentity.NameOf(request)).UnassignAsync(id, cancellationToken));

    /// <summary>POST /api/v1/incidents/{id}/attention/dismiss: staff looked; nothing needs doing.</summary>
    public static async Task<IResult> DismissAttentionAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken) =>
        Answer(id, await actions.As(StaffIdentity.NameOf(request)).DismissAttentionAsync(id, cancellationToken));

    /// <summary>The <c>assignee</c> filter of the queue: a staff id, or <c>me</c> for the signed-in member.</summary>
    public static string? AssigneeFilter(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var assignee = request.Query["assignee"].ToString().Trim();
        if (assignee.Length == 0)
        {
            return null;
        }

        if (assignee == Me)
        {
            if (StaffIdentity.Of(request.HttpContext) is { } signedIn)
            {
                return signedIn.Id;
            }

            errors["assignee"] = [$"\"{Me}\" needs a sign-in by name; give a staff member's id."];
            return null;
        }

        if (assignee.Length > 200)
        {
            errors["assignee"] = ["At most 200 characters."];
        }

        return assignee;
    }

    private static IResult Answer(string id, StaffActionResult result) => result.Outcome switch
    {
        StaffActionOutcome.NotFound => Problems.NotFound($"There is no incident {id}."),
        StaffActionOutcome.NotOpen => Problems.Conflict($"Incident {id} is already resolved or closed."),
        _ => TypedResults.Json(result.Entry, ApiJson.Options, statusCode: StatusCodes.Status202Accepted),
    };
}

/// <summary>Who to put on an incident.</summary>
/// <param name="StaffId">A staff member's id (see GET /api/v1/staff), or <c>me</c>.</param>
public sealed record AssignRequest(string? StaffId);
