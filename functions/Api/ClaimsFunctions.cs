using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>The carrier claim routes as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class ClaimsFunctions(ApiEndpoints api)
{
    [Function(nameof(GetCarrierClaim))]
    public IResult GetCarrierClaim(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/claim")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(GetCarrierClaim), request, workflows);

    [Function(nameof(OpenCarrierClaim))]
    public IResult OpenCarrierClaim(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/claim")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(OpenCarrierClaim), request, workflows);

    [Function(nameof(RecordCarrierClaimStatus))]
    public IResult RecordCarrierClaimStatus(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/claim/status")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(RecordCarrierClaimStatus), request, workflows);

    [Function(nameof(GetCarrierClaimPack))]
    public IResult GetCarrierClaimPack(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/claim/pack")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(GetCarrierClaimPack), request, workflows);

    [Function(nameof(ClaimsReport))]
    public IResult ClaimsReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/reports/claims")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ClaimsReport), request, workflows);
}
