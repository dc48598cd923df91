using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>The report routes as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class ReportsFunctions(ApiEndpoints api)
{
    [Function(nameof(ResponseTimesReport))]
    public IResult ResponseTimesReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/reports/response-times")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ResponseTimesReport), request, workflows);

    [Function(nameof(TopBreakages))]
    public IResult TopBreakages(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/reports/top-breakages")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(TopBreakages), request, workflows);

    [Function(nameof(GetReport))]
    public IResult GetReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/reports/{dimension}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(GetReport), request, workflows);
}
