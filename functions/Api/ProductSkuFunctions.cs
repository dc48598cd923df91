using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>Staff set the product an incident is about, as the server maps it.</summary>
public sealed class ProductSkuFunctions(ApiEndpoints api)
{
    [Function(nameof(SetProductSku))]
    public IResult SetProductSku(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/sku")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(SetProductSku), request, workflows);
}
