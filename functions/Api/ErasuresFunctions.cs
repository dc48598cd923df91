using Amends.Erasure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>Erasing a customer on request, and the record of erasures, as HTTP triggers (function key), as the server maps them.</summary>
public sealed class ErasuresFunctions(IApiHandlers handlers, CustomerErasure erasure, ErasureLog log)
{
    [Function("EraseCustomer")]
    public Task<IResult> EraseCustomerAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/erasures")] HttpRequest request,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.EraseCustomerAsync(request, erasure, workflows, cancellationToken);

    [Function("ListErasures")]
    public Task<IResult> ListErasuresAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/erasures")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.ListErasuresAsync(log, cancellationToken);
}
