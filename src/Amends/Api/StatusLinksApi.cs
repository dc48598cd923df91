using Amends.Storage;
using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>Staff's view of an incident's customer links: the current status link, and revoking every link made so far.</summary>
public static class StatusLinksApi
{
    /// <summary>GET /api/v1/incidents/{id}/status-link: the link the next email carries.</summary>
    public static async Task<IResult> GetAsync(string id, IncidentStore store, CustomerLinks.CustomerLinks links, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound($"There is no incident {id}.");
        }

        return TypedResults.Json(new StatusLink(id, await links.StatusUrlAsync(id, cancellationToken)), ApiJson.Options);
    }

    /// <summary>POST /api/v1/incidents/{id}/status-link/revoke: every status and satisfaction link sent so far stops working; the answer carries the new one.</summary>
    public static async Task<IResult> RevokeAsync(string id, IncidentStore store, CustomerLinks.CustomerLinks links, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound($"There is no incident {id}.");
        }

        await links.RevokeAsync(id, cancellationToken);
        return TypedResults.Json(new StatusLink(id, await links.StatusUrlAsync(id, cancellationToken)), ApiJson.Options);
    }
}

/// <summary>An incident's current status link.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Url">The status page's address, as customer emails carry it.</param>
public sealed record StatusLink(string IncidentId, string Url);
