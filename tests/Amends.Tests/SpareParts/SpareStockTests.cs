using Amends.Incidents;
using Amends.SpareParts;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.SpareParts;

/// <summary>The spare-part shelf on real Table Storage (the assembly's Azurite): reservations race, repeat and run low.</summary>
public sealed class SpareStockTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly SparePart Lid = new("KETTLE-01/LID", "KETTLE-01", "Kettle lid with hinge", QuantityOnHand: 1, ReorderLevel: 2, UnitCost: 4.50m);

    private readonly AmendsTestServices amends = new(azurite);
    private ServiceProvider services = null!;

    private SpareStock Stock => services.GetRequiredService<SpareStock>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => services = await amends.BuildAsync(cancellationToken: Cancellation);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        amends.Dispose();
    }

    [Fact]
    public async Task Two_incidents_after_the_last_part_one_gets_it_the_other_hears_it_is_out_of_stock()
    {
        await Stock.SaveAsync(Lid, Cancellation);

        var outcomes = await Task.WhenAll(
            Stock.ReserveAsync(IncidentNumber.New(), Lid.PartSku, Cancellation),
            Stock.ReserveAsync(IncidentNumber.New(), Lid.PartSku, Cancellation));

        Assert.Equal(
            [ReservationOutcome.Reserved, ReservationOutcome.OutOfStock],
            outcomes.Select(o => o.Outcome).Order());
        Assert.Equal(0, (await Stock.FindAsync(Lid.PartSku, Cancellation))!.QuantityOnHand);
    }

    [Fact]
    public async Task Many_incidents_racing_never_take_more_parts_than_the_shelf_holds()
    {
        await Stock.SaveAsync(Lid with { QuantityOnHand = 3 }, Cancellation);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Stock.ReserveAsync(IncidentNumber.New(), Lid.PartSku, Cancellation)));

        Assert.Equal(3, outcomes.Count(o => o.Outcome == ReservationOutcome.Reserved));
        Assert.Equal(5, outcomes.Count(o => o.Outcome == ReservationOutcome.OutOfStock));
        Assert.Equal(0, (await Stock.FindAsync(Lid.PartSku, Cancellation))!.QuantityOnHand);
    }

    [Fact]
    public async Task Reserving_again_for_the_same_incident_takes_nothing_more()
    {
        await Stock.SaveAsync(Lid with { QuantityOnHand = 5 }, Cancellation);
        var incident = IncidentNumber.New();

        var first = await Stock.ReserveAsync(incident, Lid.PartSku, Cancellation);
        var again = await Task.WhenAll(
            Stock.ReserveAsync(incident, Lid.PartSku, Cancellation),
            Stock.ReserveAsync(incident, Lid.PartSku, Cancellation));

        Assert.Equal(ReservationOutcome.Reserved, first.Outcome);
        Assert.All(again, r => Assert.Equal((ReservationOutcome.Reserved, 4.50m), (r.Outcome, r.Part!.UnitCost)));
        Assert.Equal(4, (await Stock.FindAsync(Lid.PartSku, Cancellation))!.QuantityOnHand);
    }

    [Fact]
    public async Task A_part_not_in_the_catalogue_is_unknown()
    {
        var reservation = await Stock.ReserveAsync(IncidentNumber.New(), "NO-SUCH-PART", Cancellation);

        Assert.Equal(new SparePartReservation(ReservationOutcome.UnknownPart, null), reservation);
    }

    [Fact]
    public async Task A_part_below_its_reorder_level_is_flagged_and_counted()
    {
        await Stock.SaveAsync(Lid with { QuantityOnHand = 2 }, Cancellation);
        await Stock.SaveAsync(new SparePart("KETTLE-01-FILTER", "KETTLE-01", "Limescale filter", 10, 3, 1.20m), Cancellation);
        await Stock.SaveAsync(new SparePart("TOASTER-02-KNOB", "TOASTER-02", "Browning knob", 0, 1, 0.80m), Cancellation);
        Assert.Equal(1, await Stock.CountLowStockAsync(Cancellation));

        await Stock.ReserveAsync(IncidentNumber.New(), Lid.PartSku, Cancellation);

        var kettle = await Stock.ListAsync("KETTLE-01", Cancellation);
        Assert.Equal(["KETTLE-01-FILTER", "KETTLE-01/LID"], kettle.Select(p => p.PartSku));
        Assert.Equal([false, true], kettle.Select(p => p.IsLowStock));
        Assert.Equal(2, await Stock.CountLowStockAsync(Cancellation));
    }
}
