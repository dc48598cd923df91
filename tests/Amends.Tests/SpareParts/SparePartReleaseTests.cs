using Amends.Incidents;
using Amends.Ledger;
using Amends.SpareParts;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.SpareParts;

/// <summary>A part reserved for an incident goes back on the shelf when staff choose something else, once.</summary>
public sealed class SparePartReleaseTests(AzuriteFixture azurite)
{
    private static readonly SparePart Lid = new("KETTLE-01-LID", "KETTLE-01", "Kettle lid", QuantityOnHand: 1, ReorderLevel: 0, UnitCost: 4.50m);
    private static readonly SparePart Handle = new("KETTLE-01-HANDLE", "KETTLE-01", "Kettle handle", QuantityOnHand: 1, ReorderLevel: 0, UnitCost: 3.20m);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changing_the_part_or_the_resolution_puts_the_reserved_part_back_once()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10));
        var stock = host.Services.GetRequiredService<SpareStock>();
        await stock.SaveAsync(Lid, Cancellation);
        await stock.SaveAsync(Handle, Cancellation);
        var incident = await host.OpenAsync();

        await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.SparePart, PartSku: Lid.PartSku), host.Client, Cancellation);
        Assert.Equal((0, 1), await OnShelfAsync(stock));

        // Another part: the lid goes back, the handle comes off.
        await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.SparePart, PartSku: Handle.PartSku), host.Client, Cancellation);
        Assert.Equal((1, 0), await OnShelfAsync(stock));

        // Another resolution, twice: the handle goes back once.
        await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.Refund, RefundAmount: 30m), host.Client, Cancellation);
        await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.Refund, RefundAmount: 30m), host.Client, Cancellation);
        Assert.Equal((1, 1), await OnShelfAsync(stock));
        Assert.Empty(await stock.ReleaseAsync(incident.Id, cancellationToken: Cancellation));

        Assert.Equal(
            ["Back on the shelf: KETTLE-01-LID.", "Back on the shelf: KETTLE-01-HANDLE."],
            (await host.TimelineAsync(incident.Id)).Where(e => e.Text?.StartsWith("Back on the shelf", StringComparison.Ordinal) == true).Select(e => e.Text));
        Assert.Equal(
            [(CostKind.Refund, 30m)],
            (await host.Services.GetRequiredService<CostLedger>().ForIncidentAsync(incident.Id, Cancellation)).Select(l => (l.Kind, l.Amount)));
    }

    [Fact]
    public async Task Releases_racing_each_other_put_the_part_back_once()
    {
        using var amends = new AmendsTestServices(azurite);
        await using var services = await amends.BuildAsync(cancellationToken: Cancellation);
        var stock = services.GetRequiredService<SpareStock>();
        await stock.SaveAsync(Lid with { QuantityOnHand = 3 }, Cancellation);
        await stock.ReserveAsync("AMD-RACE0001", Lid.PartSku, Cancellation);

        var released = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => stock.ReleaseAsync("AMD-RACE0001", cancellationToken: Cancellation)));

        Assert.Single(released.SelectMany(r => r));
        Assert.Equal(3, (await stock.FindAsync(Lid.PartSku, Cancellation))!.QuantityOnHand);
    }

    [Fact]
    public async Task Another_incidents_reservation_stays_taken()
    {
        using var amends = new AmendsTestServices(azurite);
        await using var services = await amends.BuildAsync(cancellationToken: Cancellation);
        var stock = services.GetRequiredService<SpareStock>();
        await stock.SaveAsync(Lid with { QuantityOnHand = 2 }, Cancellation);
        await stock.ReserveAsync("AMD-KEEP0001", Lid.PartSku, Cancellation);
        await stock.ReserveAsync("AMD-KEEP0002", Lid.PartSku, Cancellation);

        await stock.ReleaseAsync("AMD-KEEP0001", cancellationToken: Cancellation);

        Assert.Equal(1, (await stock.FindAsync(Lid.PartSku, Cancellation))!.QuantityOnHand);
        Assert.Single(await stock.ReleaseAsync("AMD-KEEP0002", cancellationToken: Cancellation));
        Assert.Equal(2, (await stock.FindAsync(Lid.PartSku, Cancellation))!.QuantityOnHand);
    }

    private static async Task<(int Lid, int Handle)> OnShelfAsync(SpareStock stock) =>
        ((await stock.FindAsync(Lid.PartSku, Cancellation))!.QuantityOnHand, (await stock.FindAsync(Handle.PartSku, Cancellation))!.QuantityOnHand);
}
