using Amends.Compensate;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Amends.Functions.Api;

/// <summary>The compensation the policy proposes for an incident (staff only), as the server maps it.</summary>
public sealed class CompensationFunctions(IApiHandlers handlers, IncidentStore store, IOptions<CompensationPolicy> policy, TimeProvider clock)
{
    [Function("ProposeCompensation")]
    public Task<IResult> ProposeCompensationAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/compensation")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.ProposeCompensationAsync(id, store, policy, clock, cancellationToken);
}
