using Amends.SpareParts;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Amends.Functions.Api;

/// <summary>The spare-part catalogue routes as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class SparePartsFunctions(IApiHandlers handlers, SpareStock stock)
{
    [Function("ListSpareParts")]
    public Task<IResult> ListSparePartsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/spare-parts")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.ListSparePartsAsync(request, stock, cancellationToken);

    [Function("PutSparePart")]
    public Task<IResult> PutSparePartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/v1/spare-parts/{partSku}")] HttpRequest request,
        string partSku,
        CancellationToken cancellationToken) =>
        handlers.PutSparePartAsync(partSku, request, stock, cancellationToken);
}
