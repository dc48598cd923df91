using Amends.Ledger;
using Amends.Money;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Amends.Functions.Api;

/// <summary>An incident's ledger as an HTTP trigger (staff only), as the server maps it.</summary>
public sealed class LedgerFunctions(IApiHandlers handlers, IncidentStore store, CostLedger ledger, IOptions<StoreCurrency> currency)
{
    [Function("GetIncidentLedger")]
    public Task<IResult> GetIncidentLedgerAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/ledger")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.GetIncidentLedgerAsync(id, store, ledger, currency, cancellationToken);
}
