using Amends.Photos;
using Amends.Resolve;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Functions.Api;

/// <summary>An incident's photos and documents as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class PhotosFunctions(
    IApiHandlers handlers, IncidentStore store, PhotoChecks checks, IncidentPhotos photos, StaffActions actions,
    IOptions<PhotoOptions> options, TimeProvider clock)
{
    [Function("ListPhotos")]
    public Task<IResult> ListPhotosAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/photos")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.ListPhotosAsync(id, store, photos, cancellationToken);

    [Function("ReadPhoto")]
    public Task<IResult> ReadPhotoAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/photos/{name}")] HttpRequest request,
        string id,
        string name,
        CancellationToken cancellationToken) =>
        handlers.ReadPhotoAsync(id, name, request.HttpContext.Response, photos, cancellationToken);

    [Function("AddPhotos")]
    public Task<IResult> AddPhotosAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/photos")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.AddPhotosAsync(id, request, store, checks, photos, actions, options, clock, workflows, cancellationToken);
}
