using Amends.Reports;
using Amends.Satisfaction;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Amends.Functions.Api;

/// <summary>The report routes as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class ReportsFunctions(IApiHandlers handlers, CostReports reports, ResponseTimes responseTimes, SatisfactionSurvey satisfaction)
{
    [Function("ResponseTimesReport")]
    public Task<IResult> ResponseTimesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/reports/response-times")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.ResponseTimesAsync(request, responseTimes, cancellationToken);

    [Function("TopBreakages")]
    public Task<IResult> TopBreakagesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/reports/top-breakages")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.TopBreakagesAsync(request, reports, cancellationToken);

    [Function("GetReport")]
    public Task<IResult> GetReportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/reports/{dimension}")] HttpRequest request,
        string dimension,
        CancellationToken cancellationToken) =>
        handlers.GetReportAsync(dimension, request, reports, responseTimes, satisfaction, cancellationToken);
}
