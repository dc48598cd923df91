using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>An incident's ledger as an HTTP trigger (staff only), one line into the server's handler.</summary>
public sealed class LedgerFunctions(ApiEndpoints api)
{
    [Function(nameof(GetIncidentLedger))]
    public IResult GetIncidentLedger(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/ledger")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(GetIncidentLedger), request, workflows);
}
