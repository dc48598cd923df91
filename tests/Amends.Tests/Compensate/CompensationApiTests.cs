using System.Net;
using System.Net.Http.Json;
using Amends.Api;
using Amends.Compensate;
using Amends.Incidents;
using Amends.Storage;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Compensate;

/// <summary>Before resolving, staff see what the policy will give the customer (the console shows it beside Resolve).</summary>
public sealed class CompensationApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await AmendsApiHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData(Responsibility.Store, 0, CompensationKind.Discount, 10)]
    [InlineData(Responsibility.Carrier, 20, CompensationKind.Discount, 20)]
    [InlineData(Responsibility.Customer, 0, CompensationKind.None, 0)]
    public async Task Staff_see_the_compensation_the_policy_proposes(Responsibility responsibility, int daysOld, CompensationKind outcome, int percent)
    {
        var store = host.Services.GetRequiredService<IncidentStore>();
        var at = DateTimeOffset.UtcNow.AddDays(-daysOld);
        var incident = IncidentBuilder.Reported(at) with { Category = IncidentCategory.Defective, Responsibility = responsibility };
        await store.TryAddAsync(incident, new TimelineEntry(store.NewEntryId(), TimelineEntryKind.Reported, at, null, "customer", false, false), Cancellation);

        var proposal = await host.Staff.GetFromJsonAsync<CompensationProposal>($"/api/v1/incidents/{incident.Id}/compensation", ApiJson.Options, Cancellation);

        Assert.Equal((outcome, percent), (proposal!.Outcome, proposal.DiscountPercent));
    }

    [Fact]
    public async Task An_unknown_incident_is_a_404_problem()
    {
        using var response = await host.Staff.GetAsync("/api/v1/incidents/AMD-NOPE0000/compensation", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("""{"compensation":{"outcome":"Discount","discountPercent":0}}""", "compensation.discountPercent")]
    [InlineData("""{"compensation":{"outcome":"RefundedShipping","shippingRefund":-1}}""", "compensation.shippingRefund")]
    [InlineData("""{"compensation":{"outcome":"Gift","gift":"A golden kettle"}}""", "compensation.gift")]
    public async Task Compensation_staff_choose_on_resolving_is_checked_field_by_field(string body, string field)
    {
        var store = host.Services.GetRequiredService<IncidentStore>();
        var incident = IncidentBuilder.Reported(DateTimeOffset.UtcNow);
        await store.TryAddAsync(incident, new TimelineEntry(store.NewEntryId(), TimelineEntryKind.Reported, incident.CreatedAt, null, "customer", false, false), Cancellation);

        using var response = await host.Staff.PostAsync(
            $"/api/v1/incidents/{incident.Id}/resolve", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}.");
        Assert.Equal(IncidentStatus.Open, (await store.FindAsync(incident.Id, Cancellation))!.Value.Status);
    }
}
