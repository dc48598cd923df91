using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>
/// The customer pages (anonymous: opened by their signed token, or public) and staff's status-link
/// routes (function key) as HTTP triggers, as the server maps them.
/// </summary>
public sealed class CustomerPagesFunctions(ApiEndpoints api)
{
    [Function(nameof(GetStatusLink))]
    public IResult GetStatusLink(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/status-link")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(GetStatusLink), request, workflows);

    [Function(nameof(RevokeStatusLink))]
    public IResult RevokeStatusLink(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/status-link/revoke")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(RevokeStatusLink), request, workflows);

    [Function(nameof(ShowStatus))]
    public IResult ShowStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/{token}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ShowStatus), request, workflows);

    [Function(nameof(PostStatusMessage))]
    public IResult PostStatusMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "status/{token}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(PostStatusMessage), request, workflows);

    [Function(nameof(ShowSatisfaction))]
    public IResult ShowSatisfaction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "satisfaction/{token}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ShowSatisfaction), request, workflows);

    [Function(nameof(CommentOnSatisfaction))]
    public IResult CommentOnSatisfaction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "satisfaction/{token}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(CommentOnSatisfaction), request, workflows);

    [Function(nameof(ShowReturnPolicy))]
    public IResult ShowReturnPolicy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "policy")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ShowReturnPolicy), request, workflows);
}
