using Amends.Functions.Api;
using Amends.Reports;
using Amends.Satisfaction;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>The report triggers hand over to the server's handlers, with the app's reports, and answer with what they return.</summary>
public sealed class ReportsFunctionsTests
{
    private readonly Mock<IApiHandlers> handlers = new(MockBehavior.Strict);
    private readonly IResult answer = Mock.Of<IResult>();
    private readonly HttpRequest request = TestHttp.Context(query: "?format=csv").Request;
    private readonly CancellationToken token = new CancellationTokenSource().Token;
    private readonly CostReports reports = TestHttp.Service<CostReports>();
    private readonly ResponseTimes responseTimes = TestHttp.Service<ResponseTimes>();
    private readonly SatisfactionSurvey satisfaction = TestHttp.Service<SatisfactionSurvey>();

    [Fact]
    public async Task GetReport_passes_the_route_dimension_and_the_request()
    {
        handlers.Setup(h => h.GetReportAsync("carrier", request, reports, responseTimes, satisfaction, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().GetReportAsync(request, "carrier", token));
        handlers.Verify(h => h.GetReportAsync("carrier", request, reports, responseTimes, satisfaction, token), Times.Once);
    }

    [Fact]
    public async Task TopBreakages_answers_with_the_servers_top_ten()
    {
        handlers.Setup(h => h.TopBreakagesAsync(request, reports, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().TopBreakagesAsync(request, token));
        handlers.Verify(h => h.TopBreakagesAsync(request, reports, token), Times.Once);
    }

    [Fact]
    public async Task ResponseTimes_answers_with_the_servers_report()
    {
        handlers.Setup(h => h.ResponseTimesAsync(request, responseTimes, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().ResponseTimesAsync(request, token));
        handlers.Verify(h => h.ResponseTimesAsync(request, responseTimes, token), Times.Once);
    }

    private ReportsFunctions Functions() => new(handlers.Object, reports, responseTimes, satisfaction);
}
