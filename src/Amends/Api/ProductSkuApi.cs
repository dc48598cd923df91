using Amends.Resolve;
using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>The product an incident is about, set by staff (an emailed incident often names none).</summary>
public static class ProductSkuApi
{
    /// <summary>
    /// POST /api/v1/incidents/{id}/sku: sets the incident's product SKU; the cost lines already recorded move
    /// to it. 409 once the incident is resolved or closed.
    /// </summary>
    public static async Task<IResult> SetAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<SkuRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var sku = body.Value!.Sku?.Trim();
        if (string.IsNullOrEmpty(sku) || sku.Length > SparePartsApi.MaxSkuLength)
        {
            return Problems.Invalid("sku", $"Required, at most {SparePartsApi.MaxSkuLength} characters.");
        }

        var result = await actions.SetSkuAsync(id, sku, cancellationToken);
        return result.Outcome switch
        {
            StaffActionOutcome.NotFound => Problems.NotFound($"There is no incident {id}."),
            StaffActionOutcome.NotOpen => Problems.Conflict($"Incident {id} is already resolved or closed: its product can no longer change."),
            _ => TypedResults.Json(result.Entry, ApiJson.Options),
        };
    }
}

/// <summary>The product an incident is about.</summary>
/// <param name="Sku">The product's SKU, e.g. <c>KETTLE-01</c>.</param>
public sealed record SkuRequest(string? Sku);
