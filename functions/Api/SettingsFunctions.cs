using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>The store's settings route as an HTTP trigger (staff only), as the server maps it.</summary>
public sealed class SettingsFunctions(ApiEndpoints api)
{
    [Function(nameof(GetSettings))]
    public IResult GetSettings(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/settings")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(GetSettings), request, workflows);
}
