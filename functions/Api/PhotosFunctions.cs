using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>An incident's photos and documents as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class PhotosFunctions(ApiEndpoints api)
{
    [Function(nameof(ListPhotos))]
    public IResult ListPhotos(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/photos")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ListPhotos), request, workflows);

    [Function(nameof(ReadPhoto))]
    public IResult ReadPhoto(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/photos/{name}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ReadPhoto), request, workflows);

    [Function(nameof(AddPhotos))]
    public IResult AddPhotos(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/photos")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(AddPhotos), request, workflows);
}
