using Amends.Compensate;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Amends.Functions.Api;

/// <summary>The discount-code routes for the store's back end as HTTP triggers (function key), as the server maps them.</summary>
public sealed class DiscountCodesFunctions(IApiHandlers handlers, DiscountCodes codes, TimeProvider clock)
{
    [Function("GetDiscountCode")]
    public Task<IResult> GetDiscountCodeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/discount-codes/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken) =>
        handlers.GetDiscountCodeAsync(code, codes, cancellationToken);

    [Function("RedeemDiscountCode")]
    public Task<IResult> RedeemDiscountCodeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/discount-codes/{code}/redeem")] HttpRequest request,
        string code,
        CancellationToken cancellationToken) =>
        handlers.RedeemDiscountCodeAsync(code, request, codes, clock, cancellationToken);
}
