using Amends.Claims;
using Amends.Reports;
using Amends.Satisfaction;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Api;

/// <summary>
/// The cost and response-time reports over HTTP, read from the precomputed report rows (one partition read each): JSON,
/// or CSV when asked with <c>Accept: text/csv</c> or <c>?format=csv</c>.
/// </summary>
public static class ReportsApi
{
    /// <summary>The name of the top-breakages report in routes.</summary>
    public const string TopBreakages = "top-breakages";

    /// <summary>The name of the response-times report in routes.</summary>
    public const string ResponseTimesReport = "response-times";

    /// <summary>
    /// GET /api/v1/reports/{dimension}: incidents, gross cost, income and net cost by sku, category,
    /// responsibility, carrier, month or group (breakage, returns by choice, other); or <c>satisfaction</c>:
    /// responses per score and the average. Every report takes <c>from</c> and <c>to</c> (months,
    /// <c>yyyy-MM</c>, both included); the cost reports take <c>group</c> (<c>breakage</c>, <c>byChoice</c>,
    /// <c>other</c>) to show that group's costs only.
    /// </summary>
    public static async Task<IResult> GetAsync(
        string dimension, HttpRequest request, CostReports reports, ResponseTimes responseTimes, SatisfactionSurvey satisfaction, CancellationToken cancellationToken)
    {
        // The named reports have routes of their own; the Functions host may still route them here.
        if (string.Equals(dimension, TopBreakages, StringComparison.OrdinalIgnoreCase))
        {
            return await TopBreakagesAsync(request, reports, cancellationToken);
        }

        if (string.Equals(dimension, ResponseTimesReport, StringComparison.OrdinalIgnoreCase))
        {
            return await ResponseTimesAsync(request, responseTimes, cancellationToken);
        }

        if (string.Equals(dimension, ClaimsReport.Name, StringComparison.OrdinalIgnoreCase))
        {
            // The claims are not among this handler's parameters (both hosts share its signature): take them from the request's services.
            return await ClaimsApi.ReportAsync(request, request.HttpContext.RequestServices.GetRequiredService<CarrierClaims>(), cancellationToken);
        }

        var (range, field, error) = RangeOf(request);
        if (range is null)
        {
            return Problems.Invalid(field!, error!);
        }

        if (string.Equals(dimension, SatisfactionReport.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Answer(await satisfaction.ReportAsync(range, cancellationToken), request);
        }

        var known = Enum.GetValues<ReportDimension>().Select(CostReports.Name).ToList();
        if (!known.Contains(dimension, StringComparer.OrdinalIgnoreCase) || !Enum.TryParse<ReportDimension>(dimension, ignoreCase: true, out var parsed))
        {
            return Problems.Invalid("dimension", $"One of {string.Join(", ", known)}, {TopBreakages}, {ResponseTimesReport}, {SatisfactionReport.Name}, {ClaimsReport.Name}.");
        }

        ReportGroup? group = null;
        if (request.Query["group"].ToString() is { Length: > 0 } asked)
        {
            var groups = Enum.GetValues<ReportGroup>();
            if (groups.Where(g => string.Equals(ReportGroups.Name(g), asked, StringComparison.OrdinalIgnoreCase)).ToList() is not [var found])
            {
                return Problems.Invalid("group", $"One of {string.Join(", ", groups.Select(ReportGroups.Name))}.");
            }

            group = found;
        }

        return Answer(await reports.ReportAsync(parsed, range, group, cancellationToken), request);
    }

    /// <summary>
    /// GET /api/v1/reports/top-breakages: the ten SKUs whose breakage cost the most (net), with their
    /// incidents, gross cost, income and net cost; returns by choice never count. Takes <c>from</c> and <c>to</c>.
    /// </summary>
    public static async Task<IResult> TopBreakagesAsync(HttpRequest request, CostReports reports, CancellationToken cancellationToken)
    {
        var (range, field, error) = RangeOf(request);
        return range is null ? Problems.Invalid(field!, error!) : Answer(await reports.TopBreakagesAsync(range, cancellationToken), request);
    }

    /// <summary>
    /// GET /api/v1/reports/response-times: by month of closing, mean time to acknowledge and to resolve,
    /// silence updates sent and how long resolutions took. Takes <c>from</c> and <c>to</c>.
    /// </summary>
    public static async Task<IResult> ResponseTimesAsync(HttpRequest request, ResponseTimes responseTimes, CancellationToken cancellationToken)
    {
        var (range, field, error) = RangeOf(request);
        return range is null ? Problems.Invalid(field!, error!) : Answer(await responseTimes.ReportAsync(range, cancellationToken), request);
    }

    private static (ReportRange? Range, string? Field, string? Error) RangeOf(HttpRequest request) =>
        ReportRange.Parse(request.Query["from"].ToString(), request.Query["to"].ToString());

    /// <summary>The report as JSON, or as CSV when the caller asks for it.</summary>
    internal static IResult Answer<TReport>(TReport report, HttpRequest request)
        where TReport : ICsvReport =>
        WantsCsv(request)
            ? TypedResults.Text(report.ToCsv(), "text/csv; charset=utf-8")
            : TypedResults.Json(report, ApiJson.Options);

    private static bool WantsCsv(HttpRequest request) =>
        string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase)
        || request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase));
}
