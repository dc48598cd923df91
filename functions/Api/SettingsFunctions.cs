using Amends.Money;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Amends.Functions.Api;

/// <summary>The store's settings route as an HTTP trigger (staff only), as the server maps it.</summary>
public sealed class SettingsFunctions(IApiHandlers handlers, IOptions<StoreCurrency> currency)
{
    [Function("GetSettings")]
    public IResult GetSettings(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/settings")] HttpRequest request) =>
        handlers.GetSettings(currency);
}
