using Amends.Resolve;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Amends.Functions.Api;

/// <summary>Staff set the product an incident is about, as the server maps it.</summary>
public sealed class ProductSkuFunctions(IApiHandlers handlers, StaffActions actions)
{
    [Function("SetProductSku")]
    public Task<IResult> SetProductSkuAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/sku")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.SetProductSkuAsync(id, request, actions, cancellationToken);
}
