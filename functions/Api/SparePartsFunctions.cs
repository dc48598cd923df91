using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>The spare-part catalogue routes as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class SparePartsFunctions(ApiEndpoints api)
{
    [Function(nameof(ListSpareParts))]
    public IResult ListSpareParts(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/spare-parts")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ListSpareParts), request, workflows);

    [Function(nameof(PutSparePart))]
    public IResult PutSparePart(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/v1/spare-parts/{partSku}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(PutSparePart), request, workflows);
}
