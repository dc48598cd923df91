using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>The public "report a problem" page (anonymous; the form carries its own signed token), as the server maps it.</summary>
public sealed class ReportFunctions(ApiEndpoints api)
{
    [Function(nameof(ShowReportForm))]
    public IResult ShowReportForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "report")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ShowReportForm), request, workflows);

    [Function(nameof(PostReport))]
    public IResult PostReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "report")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(PostReport), request, workflows);
}
