using Amends.CustomerPages;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>
/// The customer pages (anonymous: opened by their signed token, or public) and staff's status-link
/// routes (function key) as HTTP triggers, as the server maps them.
/// </summary>
public sealed class CustomerPagesFunctions(
    IApiHandlers handlers, IncidentStore store, CustomerLinks.CustomerLinks links, StatusPage status, SatisfactionPage satisfaction, PolicyPage policy)
{
    [Function("GetStatusLink")]
    public Task<IResult> GetStatusLinkAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/status-link")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.GetStatusLinkAsync(id, store, links, cancellationToken);

    [Function("RevokeStatusLink")]
    public Task<IResult> RevokeStatusLinkAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/status-link/revoke")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.RevokeStatusLinkAsync(id, store, links, cancellationToken);

    [Function("ShowStatus")]
    public Task<IResult> ShowStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        handlers.ShowStatusAsync(token, request, status, cancellationToken);

    [Function("PostStatusMessage")]
    public Task<IResult> PostStatusMessageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "status/{token}")] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.PostStatusMessageAsync(token, request, status, workflows, cancellationToken);

    [Function("ShowSatisfaction")]
    public Task<IResult> ShowSatisfactionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "satisfaction/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        handlers.ShowSatisfactionAsync(token, request, satisfaction, cancellationToken);

    [Function("CommentOnSatisfaction")]
    public Task<IResult> CommentOnSatisfactionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "satisfaction/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        handlers.CommentOnSatisfactionAsync(token, request, satisfaction, cancellationToken);

    [Function("ShowReturnPolicy")]
    public Task<IResult> ShowReturnPolicyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "policy")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.ShowReturnPolicyAsync(request, policy, cancellationToken);
}
