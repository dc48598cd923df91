using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>The compensation the policy proposes for an incident (staff only), as the server maps it.</summary>
public sealed class CompensationFunctions(ApiEndpoints api)
{
    [Function(nameof(ProposeCompensation))]
    public IResult ProposeCompensation(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/compensation")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ProposeCompensation), request, workflows);
}
