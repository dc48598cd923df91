using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>The discount-code routes for the store's back end as HTTP triggers (function key), as the server maps them.</summary>
public sealed class DiscountCodesFunctions(ApiEndpoints api)
{
    [Function(nameof(GetDiscountCode))]
    public IResult GetDiscountCode(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/discount-codes/{code}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(GetDiscountCode), request, workflows);

    [Function(nameof(RedeemDiscountCode))]
    public IResult RedeemDiscountCode(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/discount-codes/{code}/redeem")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(RedeemDiscountCode), request, workflows);
}
