using Amends.Erasure;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Amends.Api;

/// <summary>Staff erasing a customer on request, and the record of erasures; both hosts call these same methods.</summary>
public static class ErasuresApi
{
    private const int Listed = 100;

    /// <summary>POST /api/v1/erasures: erases everything kept about one customer; answers with what was erased (counts, never data).</summary>
    public static async Task<IResult> EraseAsync(HttpRequest request, CustomerErasure erasure, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<ErasureRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var errors = body.Value!.Validate();
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var record = await erasure.EraseAsync(body.Value.Address()!, body.Value.RequestedBy!.Trim(), workflows, cancellationToken);
        return TypedResults.Json(record, ApiJson.Options);
    }

    /// <summary>GET /api/v1/erasures: the latest erasures, newest first (who, when, how many items of each kind).</summary>
    public static async Task<IResult> ListAsync(ErasureLog log, CancellationToken cancellationToken) =>
        TypedResults.Json(await log.ListAsync(Listed, cancellationToken), ApiJson.Options);
}
