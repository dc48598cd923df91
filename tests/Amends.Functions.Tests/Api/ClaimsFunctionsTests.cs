using Amends.Claims;
using Amends.Functions.Api;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>The carrier claim triggers hand the route's incident, the request and the app's services to the server's handlers.</summary>
public sealed class ClaimsFunctionsTests
{
    private const string Id = "AMD-CLAIM001";
    private readonly Mock<IApiHandlers> handlers = new(MockBehavior.Strict);
    private readonly IResult answer = Mock.Of<IResult>();
    private readonly HttpRequest request = TestHttp.Context().Request;
    private readonly CancellationToken token = new CancellationTokenSource().Token;
    private readonly IncidentStore store = TestHttp.Service<IncidentStore>();
    private readonly CarrierClaims claims = TestHttp.Service<CarrierClaims>();
    private readonly ClaimPack pack = TestHttp.Service<ClaimPack>();
    private readonly TimeProvider clock = TimeProvider.System;

    [Fact]
    public async Task GetCarrierClaim_passes_the_incident()
    {
        handlers.Setup(h => h.GetCarrierClaimAsync(Id, store, claims, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().GetCarrierClaimAsync(request, Id, token));
    }

    [Fact]
    public async Task OpenCarrierClaim_passes_the_incident_and_the_request()
    {
        handlers.Setup(h => h.OpenCarrierClaimAsync(Id, request, store, claims, clock, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().OpenCarrierClaimAsync(request, Id, token));
    }

    [Fact]
    public async Task RecordCarrierClaimStatus_passes_the_incident_and_the_request()
    {
        handlers.Setup(h => h.RecordCarrierClaimStatusAsync(Id, request, claims, clock, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().RecordCarrierClaimStatusAsync(request, Id, token));
    }

    [Fact]
    public async Task GetCarrierClaimPack_passes_the_incident_and_the_pack()
    {
        handlers.Setup(h => h.GetCarrierClaimPackAsync(Id, store, claims, pack, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().GetCarrierClaimPackAsync(request, Id, token));
    }

    [Fact]
    public async Task ClaimsReport_passes_the_request()
    {
        handlers.Setup(h => h.ClaimsReportAsync(request, claims, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().ClaimsReportAsync(request, token));
    }

    private ClaimsFunctions Functions() => new(handlers.Object, store, claims, pack, clock);
}
