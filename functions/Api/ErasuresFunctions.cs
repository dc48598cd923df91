using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>Erasing a customer on request, and the record of erasures, as HTTP triggers (function key), as the server maps them.</summary>
public sealed class ErasuresFunctions(ApiEndpoints api)
{
    [Function(nameof(EraseCustomer))]
    public IResult EraseCustomer(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/erasures")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(EraseCustomer), request, workflows);

    [Function(nameof(ListErasures))]
    public IResult ListErasures(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/erasures")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ListErasures), request, workflows);
}
