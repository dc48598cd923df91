using Amends.Incidents;
using Amends.Ledger;
using Amends.Resolve;
using Amends.Returns;
using Amends.SpareParts;
using Amends.Tests.Fixtures;
using Amends.Tests.Returns;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Resolve;

/// <summary>
/// Each kind of resolution through the real workflow: chosen → the customer is emailed what happens
/// next (with the tracking number, the return label and policy) → resolved → compensated, apologized
/// and closed, with the ledger holding what it cost.
/// </summary>
public sealed class ResolutionPathTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan QuietLimit = TimeSpan.FromMinutes(10);

    private static readonly Dictionary<string, string?> ReturnSettings = new()
    {
        ["Amends:ReturnLabels:StoreAddress:0"] = "ul. Piękna 1",
        ["Amends:ReturnLabels:StoreAddress:1"] = "00-001 Warszawa",
        ["Amends:ReturnLabels:LabelCost"] = "5.50",
        ["Amends:ReturnLabels:Carrier"] = "InPost",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Spare_part_comes_off_the_shelf_and_the_customer_gets_the_tracking_number_when_it_ships()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, QuietLimit);
        var stock = host.Services.GetRequiredService<SpareStock>();
        await stock.SaveAsync(new SparePart("KETTLE-01-LID", "KETTLE-01", "Kettle lid", 2, 1, 4.50m), Cancellation);
        var incident = await OpenAsync(host, "en");

        var chosen = await host.Staff.ChooseResolutionAsync(
            incident.Id, new Resolution(ResolutionType.SparePart, ShippingCost: 6.90m, Carrier: "GLS", PartSku: "KETTLE-01-LID"), host.Client, Cancellation);
        var told = await host.EmailAsync(incident.Id, "entry-" + chosen.Entry!.Id);
        Assert.Contains("we are sending you a spare part.", told.Body);
        Assert.DoesNotContain("Tracking number", told.Body);

        var tracking = await host.Staff.PostTrackingAsync(incident.Id, "GLS-889012", carrier: null, host.Client, Cancellation);
        var shipped = await host.EmailAsync(incident.Id, "entry-" + tracking.Entry!.Id);
        Assert.StartsWith($"Re: [{incident.Id}] ", shipped.Subject);
        Assert.Contains("your spare part is on its way with GLS.", shipped.Body);
        Assert.Contains("Tracking number: GLS-889012", shipped.Body);

        await ResolveAndCloseAsync(host, incident.Id);
        Assert.Equal(1, (await stock.FindAsync("KETTLE-01-LID", Cancellation))!.QuantityOnHand);
        Assert.Equal([(CostKind.Part, 4.50m), (CostKind.Shipping, 6.90m)], await LedgerAsync(host, incident.Id));
    }

    [Fact]
    public async Task Replacement_tells_the_customer_its_tracking_number_and_carrier_in_their_language()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, QuietLimit);
        var incident = await OpenAsync(host, "it");

        var chosen = await host.Staff.ChooseResolutionAsync(
            incident.Id, new Resolution(ResolutionType.Replacement, ReplacementCost: 39.90m, ShippingCost: 6.50m), host.Client, Cancellation);
        Assert.Contains("le inviamo un prodotto sostitutivo.", (await host.EmailAsync(incident.Id, "entry-" + chosen.Entry!.Id)).Body);

        var tracking = await host.Staff.PostTrackingAsync(incident.Id, "BRT-0042", "BRT", host.Client, Cancellation);
        var shipped = await host.EmailAsync(incident.Id, "entry-" + tracking.Entry!.Id);
        Assert.Contains("il prodotto sostitutivo è in viaggio con BRT.", shipped.Body);
        Assert.Contains("Numero di spedizione: BRT-0042", shipped.Body);
        Assert.Equal(("BRT-0042", "BRT"), ((await host.IncidentAsync(incident.Id)).Resolution!.TrackingNumber, (await host.IncidentAsync(incident.Id)).Resolution!.Carrier));

        await ResolveAndCloseAsync(host, incident.Id);
        var lines = await host.Services.GetRequiredService<CostLedger>().ForIncidentAsync(incident.Id, Cancellation);
        Assert.Equal([(CostKind.Replacement, 39.90m), (CostKind.Shipping, 6.50m)], lines.Select(l => (l.Kind, l.Amount)));
        Assert.All(lines, l => Assert.Equal("BRT", l.Carrier));
    }

    [Fact]
    public async Task Return_with_label_emails_the_label_and_the_policy_with_fee_and_refund()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, QuietLimit, settings: ReturnSettings);
        var incident = await OpenAsync(host, "pl");
        await host.Staff.DiagnoseAsync(incident.Id, IncidentCategory.ChangedMind, Responsibility.Customer, Cancellation);
        var returnNumber = ReturnLabels.ReturnNumberFor(incident.Id);

        var chosen = await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.ReturnWithLabel, ItemPrice: 120m), host.Client, Cancellation);
        var told = await host.EmailAsync(incident.Id, "entry-" + chosen.Entry!.Id);

        // Changed mind, customer's doing: 10 % of 120.00 kept, the 5.50 label paid by the customer, 102.50 back.
        Assert.Contains($"prosimy odesłać produkt z etykietą zwrotną załączoną do tej wiadomości (numer zwrotu {returnNumber}).", told.Body);
        Assert.Contains("produkty można zwrócić w ciągu 30 dni od dostawy", told.Body);
        Assert.Contains("W Państwa przypadku opłata manipulacyjna wynosi 10% (12,00\u00a0€ z zapłaconej kwoty 120,00\u00a0€)", told.Body);
        Assert.Contains("koszt odesłania pokrywają Państwo (5,50\u00a0€, potrącone ze zwrotu)", told.Body);
        Assert.Contains("Gdy produkt do nas dotrze, zwrócimy Państwu 102,50\u00a0€.", told.Body);
        var attachment = Assert.Single(told.Attachments);
        Assert.Equal(($"{returnNumber}.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType));
        Assert.Equal(returnNumber, LabelBarcode.DecodeFromDrawing(attachment.Content));

        // Chosen again (e.g. a retried request): the same label, not a second one.
        var again = await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.ReturnWithLabel, ItemPrice: 120m), host.Client, Cancellation);
        Assert.Equal(attachment.Content, Assert.Single((await host.EmailAsync(incident.Id, "entry-" + again.Entry!.Id)).Attachments).Content);

        // Resolved by staff before the parcel came back: nothing was refunded, so the ledger books only the label.
        await ResolveAndCloseAsync(host, incident.Id);
        var lines = await host.Services.GetRequiredService<CostLedger>().ForIncidentAsync(incident.Id, Cancellation);
        Assert.Equal([(CostKind.ReturnLabel, 5.50m)], lines.Select(l => (l.Kind, l.Amount)));
        Assert.All(lines, l => Assert.Equal("InPost", l.Carrier));
    }

    [Fact]
    public async Task Return_at_the_stores_fault_costs_the_customer_nothing()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, QuietLimit, settings: ReturnSettings);
        var incident = await OpenAsync(host, "nb");
        await host.Staff.DiagnoseAsync(incident.Id, IncidentCategory.WrongItem, Responsibility.Store, Cancellation);

        var chosen = await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.ReturnWithLabel, ItemPrice: 80m), host.Client, Cancellation);
        var told = await host.EmailAsync(incident.Id, "entry-" + chosen.Entry!.Id);

        Assert.Contains("I ditt tilfelle er returgebyret 0 % (€\u00a00,00 av de €\u00a080,00 du betalte), og vi betaler returfrakten.", told.Body);
        Assert.Contains("refunderer vi €\u00a080,00.", told.Body);
        Assert.Single(told.Attachments);
    }

    [Fact]
    public async Task Refund_is_told_to_the_customer_and_recorded()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, QuietLimit);
        var incident = await OpenAsync(host, "nb");

        var chosen = await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.Refund, RefundAmount: 49.90m), host.Client, Cancellation);
        var told = await host.EmailAsync(incident.Id, "entry-" + chosen.Entry!.Id);
        Assert.Contains("vi refunderer €\u00a049,90.", told.Body);
        Assert.Empty(told.Attachments);

        await ResolveAndCloseAsync(host, incident.Id);
        Assert.Equal([(CostKind.Refund, 49.90m)], await LedgerAsync(host, incident.Id));
    }

    [Fact]
    public async Task Store_credit_is_told_to_the_customer_and_recorded_as_credit()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, QuietLimit);
        var incident = await OpenAsync(host, "en");

        var chosen = await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.StoreCredit, RefundAmount: 25m), host.Client, Cancellation);
        Assert.Contains("we have given you store credit of €25.00.", (await host.EmailAsync(incident.Id, "entry-" + chosen.Entry!.Id)).Body);

        await ResolveAndCloseAsync(host, incident.Id);
        Assert.Equal([(CostKind.StoreCredit, 25m)], await LedgerAsync(host, incident.Id));
    }

    [Fact]
    public async Task Tracking_for_a_resolution_that_ships_nothing_is_refused()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, QuietLimit);
        var incident = await OpenAsync(host, "en");
        await host.Staff.ChooseResolutionAsync(incident.Id, new Resolution(ResolutionType.Refund, RefundAmount: 10m), host.Client, Cancellation);

        var posted = await host.Staff.PostTrackingAsync(incident.Id, "X-1", null, host.Client, Cancellation);

        Assert.Equal(StaffActionOutcome.NothingShipped, posted.Outcome);
        Assert.DoesNotContain(await host.TimelineAsync(incident.Id), e => e.Kind == TimelineEntryKind.TrackingPosted);
    }

    private static async Task<Incident> OpenAsync(IncidentWorkflowHost host, string language)
    {
        var incident = await host.OpenAsync(language);
        await host.EmailAsync(incident.Id, "acknowledgement");
        return incident;
    }

    private static async Task ResolveAndCloseAsync(IncidentWorkflowHost host, string id)
    {
        await host.Staff.ResolveAsync(id, null, null, host.Client, Cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(Poll.DefaultTimeout);
        await host.Client.WaitForInstanceCompletionAsync(id, timeout.Token);

        await host.EmailAsync(id, "apology");
        var closed = await host.IncidentAsync(id);
        Assert.Equal(IncidentStatus.Closed, closed.Status);
        var timeline = await host.TimelineAsync(id);
        Assert.Contains(timeline, e => e.Kind == TimelineEntryKind.Apologized);
        Assert.Contains(timeline, e => e.Kind == TimelineEntryKind.Closed);
    }

    private static async Task<IReadOnlyList<(CostKind, decimal)>> LedgerAsync(IncidentWorkflowHost host, string id) =>
        [.. (await host.Services.GetRequiredService<CostLedger>().ForIncidentAsync(id, Cancellation)).Select(l => (l.Kind, l.Amount))];
}
