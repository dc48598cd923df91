using Amends.Claims;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Amends.Functions.Api;

/// <summary>The carrier claim routes as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class ClaimsFunctions(IApiHandlers handlers, IncidentStore store, CarrierClaims claims, ClaimPack pack, TimeProvider clock)
{
    [Function("GetCarrierClaim")]
    public Task<IResult> GetCarrierClaimAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/claim")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.GetCarrierClaimAsync(id, store, claims, cancellationToken);

    [Function("OpenCarrierClaim")]
    public Task<IResult> OpenCarrierClaimAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/claim")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.OpenCarrierClaimAsync(id, request, store, claims, clock, cancellationToken);

    [Function("RecordCarrierClaimStatus")]
    public Task<IResult> RecordCarrierClaimStatusAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/claim/status")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.RecordCarrierClaimStatusAsync(id, request, claims, clock, cancellationToken);

    [Function("GetCarrierClaimPack")]
    public Task<IResult> GetCarrierClaimPackAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/claim/pack")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.GetCarrierClaimPackAsync(id, store, claims, pack, cancellationToken);

    [Function("ClaimsReport")]
    public Task<IResult> ClaimsReportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/reports/claims")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.ClaimsReportAsync(request, claims, cancellationToken);
}
