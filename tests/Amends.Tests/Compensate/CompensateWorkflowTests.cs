using Amends.Compensate;
using Amends.Incidents;
using Amends.Ledger;
using Amends.Reports;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Compensate;

/// <summary>
/// Compensation by configured rules on the real workflow: the apology names what the customer gets,
/// in their language, and the ledger records what the resolution and the compensation cost.
/// </summary>
public sealed class CompensateWorkflowTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Rules = new()
    {
        ["Amends:Compensation:Gifts:0:Name"] = "Strofinaccio di lino",
        ["Amends:Compensation:Gifts:0:Cost"] = "3.20",
        ["Amends:Compensation:Rules:0:Responsibility"] = "Carrier",
        ["Amends:Compensation:Rules:0:Categories:0"] = "NotDelivered",
        ["Amends:Compensation:Rules:0:Outcome"] = "RefundedShipping",
        ["Amends:Compensation:Rules:0:ShippingRefund"] = "6.90",
        ["Amends:Compensation:Rules:1:Responsibility"] = "Store",
        ["Amends:Compensation:Rules:1:Outcome"] = "Gift",
        ["Amends:Compensation:Rules:1:Gift"] = "Strofinaccio di lino",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Store_at_fault_gets_the_gift_its_rule_names_and_the_ledger_has_every_cost()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10), settings: Rules);
        var incident = await host.OpenAsync(language: "it");
        await host.EmailAsync(incident.Id, "acknowledgement");

        await host.Staff.ChooseResolutionAsync(
            incident.Id, new Resolution(ResolutionType.SparePart, PartCost: 4.50m, ShippingCost: 6.90m, Carrier: "GLS"), host.Client, Cancellation);
        await host.Staff.DiagnoseAsync(incident.Id, IncidentCategory.MissingPart, Responsibility.Store, Cancellation);
        await host.Staff.ResolveAsync(incident.Id, "Part delivered.", null, host.Client, Cancellation);
        await WaitForCompletionAsync(host, incident.Id);

        var apology = await host.EmailAsync(incident.Id, "apology");
        Assert.Contains("le inviamo un piccolo omaggio: Strofinaccio di lino", apology.Body);
        Assert.DoesNotContain("SORRY-", apology.Body);
        Assert.Contains(await host.TimelineAsync(incident.Id), e => e.Kind == TimelineEntryKind.Apologized && e.Text == "Apology emailed; gift: Strofinaccio di lino.");

        var lines = await host.Services.GetRequiredService<CostLedger>().ForIncidentAsync(incident.Id, Cancellation);
        Assert.Equal(
            [(CostKind.Part, 4.50m), (CostKind.Shipping, 6.90m), (CostKind.Compensation, 3.20m)],
            lines.Select(l => (l.Kind, l.Amount)));

        // The diagnosis came after the resolution: the lines moved to the final category and responsibility.
        Assert.All(lines, l => Assert.Equal((IncidentCategory.MissingPart, Responsibility.Store, "GLS"), (l.Category, l.Responsibility, l.Carrier)));
        var byResponsibility = await host.Services.GetRequiredService<CostReports>().ReportAsync(ReportDimension.Responsibility, Cancellation);
        Assert.Equal(new ReportRow("Store", 1, 14.60m, 0), Assert.Single(byResponsibility.Rows));
    }

    [Fact]
    public async Task Carrier_that_never_delivered_refunds_the_shipping()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10), settings: Rules);
        var incident = await host.OpenAsync(language: "pl");
        await host.EmailAsync(incident.Id, "acknowledgement");

        await host.Staff.DiagnoseAsync(incident.Id, IncidentCategory.NotDelivered, Responsibility.Carrier, Cancellation);
        await host.Staff.ResolveAsync(incident.Id, null, null, host.Client, Cancellation);
        await WaitForCompletionAsync(host, incident.Id);

        var apology = await host.EmailAsync(incident.Id, "apology");
        Assert.Contains("zwracamy koszt wysyłki: 6,90\u00a0€.", apology.Body);
        var line = Assert.Single(await host.Services.GetRequiredService<CostLedger>().ForIncidentAsync(incident.Id, Cancellation));
        Assert.Equal((CostKind.Compensation, 6.90m, Responsibility.Carrier), (line.Kind, line.Amount, line.Responsibility));
    }

    [Fact]
    public async Task Staff_may_give_other_compensation_than_the_policy_on_resolving()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10), settings: Rules);
        var incident = await host.OpenAsync();
        await host.EmailAsync(incident.Id, "acknowledgement");

        // The customer changed their mind (the policy gives nothing), but it was a long wait: staff give 15%.
        await host.Staff.DiagnoseAsync(incident.Id, IncidentCategory.ChangedMind, Responsibility.Customer, Cancellation);
        await host.Staff.ResolveAsync(incident.Id, "Goodwill.", new CompensationChoice(CompensationKind.Discount, DiscountPercent: 15), host.Client, Cancellation);
        await WaitForCompletionAsync(host, incident.Id);

        var closed = await host.IncidentAsync(incident.Id);
        var apology = await host.EmailAsync(incident.Id, "apology");
        Assert.Contains($"15% discount on your next order: {closed.DiscountCode}", apology.Body);
        Assert.Equal(new CompensationChoice(CompensationKind.Discount, 15), closed.ChosenCompensation);
        Assert.Contains(await host.TimelineAsync(incident.Id), e => e.Text == "Goodwill. Compensation chosen by staff: Discount.");
    }

    private static async Task WaitForCompletionAsync(IncidentWorkflowHost host, string id)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(Poll.DefaultTimeout);
        await host.Client.WaitForInstanceCompletionAsync(id, timeout.Token);
    }
}
