using Amends.Incidents;
using Amends.Ledger;
using Amends.Resolve;
using Amends.Silence;
using Amends.SpareParts;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.SpareParts;

/// <summary>Staff choosing a spare part from the shelf, on the real workflow host and storage.</summary>
public sealed class SparePartResolutionTests(AzuriteFixture azurite)
{
    private static readonly SparePart Lid = new("KETTLE-01-LID", "KETTLE-01", "Kettle lid with hinge", QuantityOnHand: 1, ReorderLevel: 1, UnitCost: 4.50m);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Choosing_a_part_from_stock_costs_it_once_and_the_next_incident_finds_the_shelf_empty()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10));
        var stock = host.Services.GetRequiredService<SpareStock>();
        await stock.SaveAsync(Lid, Cancellation);
        var first = await host.OpenAsync();
        var second = await host.OpenAsync();
        var resolution = new Resolution(ResolutionType.SparePart, ShippingCost: 6.90m, PartSku: Lid.PartSku);

        var chosen = await host.Staff.ChooseResolutionAsync(first.Id, resolution, host.Client, Cancellation);
        var chosenAgain = await host.Staff.ChooseResolutionAsync(first.Id, resolution, host.Client, Cancellation);
        var refused = await host.Staff.ChooseResolutionAsync(second.Id, resolution, host.Client, Cancellation);

        Assert.Equal((StaffActionOutcome.Done, StaffActionOutcome.Done), (chosen.Outcome, chosenAgain.Outcome));
        Assert.Equal(StaffActionOutcome.OutOfStock, refused.Outcome);
        Assert.Equal(0, (await stock.FindAsync(Lid.PartSku, Cancellation))!.QuantityOnHand);
        Assert.Equal(
            [(CostKind.Part, 4.50m), (CostKind.Shipping, 6.90m)],
            (await host.Services.GetRequiredService<CostLedger>().ForIncidentAsync(first.Id, Cancellation)).Select(l => (l.Kind, l.Amount)));
        Assert.Equal(Lid.PartSku, (await host.IncidentAsync(first.Id)).Resolution?.PartSku);
        Assert.Null((await host.IncidentAsync(second.Id)).Resolution);

        var sweep = await host.Services.GetRequiredService<AttentionSweep>().RunAsync(host.Client, Cancellation);
        Assert.Equal(1, sweep.LowStockParts);
    }
}
