using System.Text.RegularExpressions;
using Amends.Incidents;
using Amends.Payments;
using Amends.Returns;
using Amends.Silence;
using Amends.Storage;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Amends.Tests.Silence;

/// <summary>
/// The automatic update after a week of silence says where the incident stands, in the customer's
/// language: nothing chosen yet, the resolution chosen, the parcel shipped with its tracking number and
/// carrier, the return awaited, on its way or arrived, the refund paid. Each case runs the silence step on
/// a stored incident and reads the email it put in the outbox.
/// </summary>
public sealed class WhereItStandsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const char Nbsp = '\u00a0';
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Paid = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    private readonly AmendsTestServices amends = new(azurite, silenceLimit: TimeSpan.FromDays(7));
    private readonly FakeTimeProvider clock = new(Now);
    private ServiceProvider services = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        services = await amends.BuildAsync(s => s.AddSingleton<TimeProvider>(clock), Cancellation);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        amends.Dispose();
    }

    [Theory]
    [InlineData("en", "We are still looking into what happened and how best to put it right")]
    [InlineData("it", "Stiamo ancora verificando cosa è successo e come rimediare al meglio")]
    [InlineData("nb", "Vi undersøker fortsatt hva som skjedde og hvordan vi best kan rette det opp")]
    [InlineData("de", "Wir prüfen noch, was passiert ist und wie wir es am besten wiedergutmachen")]
    public async Task Before_a_resolution_it_says_we_are_looking_into_it(string language, string expected) =>
        Assert.Contains(expected, await SilenceUpdateAsync(language, i => i), StringComparison.Ordinal);

    [Theory]
    [InlineData("en", "We are sending you a replacement; you will get its tracking number as soon as it leaves.")]
    [InlineData("pl", "Wysyłamy nowy egzemplarz; numer przesyłki prześlemy, gdy tylko zostanie nadany.")]
    public async Task A_chosen_resolution_is_named(string language, string expected) =>
        Assert.Contains(expected, await SilenceUpdateAsync(language, i => i with { Resolution = new Resolution(ResolutionType.Replacement, ReplacementCost: 39.90m) }),
            StringComparison.Ordinal);

    [Theory]
    [InlineData("en", "We are refunding you €49.90; we will write again as soon as it has been paid.")]
    [InlineData("it", "Le rimborsiamo 49,90 €; le scriveremo di nuovo appena il rimborso sarà pagato.")]
    [InlineData("de", "Wir erstatten Ihnen 49,90 €; wir schreiben Ihnen wieder, sobald das Geld überwiesen ist.")]
    public async Task A_refund_not_yet_paid_is_promised_with_its_amount(string language, string expected) =>
        Assert.Contains(Spaced(expected), await SilenceUpdateAsync(language, i => i with { Resolution = new Resolution(ResolutionType.Refund, RefundAmount: 49.90m) }),
            StringComparison.Ordinal);

    [Theory]
    [InlineData("en", "Your spare part is on its way with GLS. Tracking number: JD0002249")]
    [InlineData("it", "Il pezzo di ricambio è in viaggio con GLS. Numero di spedizione: JD0002249")]
    [InlineData("nb", "Reservedelen er på vei til deg med GLS. Sporingsnummer: JD0002249")]
    [InlineData("de", "Ihr Ersatzteil ist unterwegs mit GLS. Sendungsnummer: JD0002249")]
    public async Task A_shipped_part_has_its_tracking_number_and_carrier(string language, string expected) =>
        Assert.Contains(expected, await SilenceUpdateAsync(language, i => i with
        {
            Resolution = new Resolution(ResolutionType.SparePart, PartCost: 4.50m, TrackingNumber: "JD0002249", Carrier: "GLS"),
        }), StringComparison.Ordinal);

    [Theory]
    [InlineData("en", ReturnStage.AwaitingParcel, "We are waiting for your return {0}: please send the item back with the return label from our earlier email. Once it is with us, we refund you €101.50.")]
    [InlineData("it", ReturnStage.AwaitingParcel, "Aspettiamo il suo reso {0}: la preghiamo di rispedirci l'articolo con l'etichetta di reso della nostra email precedente. Appena sarà arrivato, le rimborseremo 101,50 €.")]
    [InlineData("en", ReturnStage.OnItsWay, "Your return {0} is on its way to us with BRT (tracking number BRT-RET-9). Once it is with us, we refund you €101.50.")]
    [InlineData("pl", ReturnStage.OnItsWay, "Zwrot {0} jest w drodze do nas (BRT), numer przesyłki BRT-RET-9. Gdy do nas dotrze, zwrócimy 101,50 €.")]
    [InlineData("en", ReturnStage.Received, "Your return {0} has arrived: we are checking the item and will then refund you €101.50.")]
    [InlineData("nb", ReturnStage.Received, "Returen din {0} har kommet fram: vi kontrollerer varen og refunderer deretter € 101,50.")]
    public async Task A_return_says_where_the_parcel_is_and_what_it_brings_back(string language, ReturnStage stage, string expected)
    {
        var id = IncidentNumber.New();
        var number = ReturnLabels.ReturnNumberFor(id);
        var parcel = new ParcelReturn(stage, Now.AddDays(-9)) with
        {
            TrackingNumber = stage == ReturnStage.OnItsWay ? "BRT-RET-9" : null,
            Carrier = stage == ReturnStage.OnItsWay ? "BRT" : null,
        };

        var update = await SilenceUpdateAsync(language, i => i with
        {
            Resolution = new Resolution(ResolutionType.ReturnWithLabel, ItemPrice: 120m,
                Return: new ReturnTerms(number, 120m, 30, 10m, ReturnShippingPayer.Customer, 12m, 6.50m, 101.50m)),
            Return = parcel,
        }, id);

        Assert.Contains(Spaced(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, number)), update, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", ResolutionType.Refund, "Your refund of €49.90 was sent on 1 December 2026. Depending on your bank it may take a few days to show.")]
    [InlineData("it", ResolutionType.Refund, "Il suo rimborso di 49,90 € è stato inviato il 1 dicembre 2026.")]
    [InlineData("pl", ResolutionType.Refund, "Zwrot pieniędzy w wysokości 49,90 € został wysłany 1 grudnia 2026.")]
    [InlineData("nb", ResolutionType.StoreCredit, "Tilgodelappen din på € 49,90 ble gitt 1. desember 2026.")]
    public async Task A_refund_the_store_confirmed_is_told_as_sent(string language, ResolutionType type, string expected)
    {
        var id = IncidentNumber.New();
        var payments = services.GetRequiredService<PaymentInstructions>();
        var kind = type == ResolutionType.Refund ? PaymentKind.Refund : PaymentKind.StoreCredit;
        var instruction = await payments.RequestAsync(id, kind, 49.90m, "EUR", Paid.AddDays(-1), Cancellation);
        await payments.ChangeAsync(instruction.Id, i => i with { Status = PaymentStatus.Confirmed, ConfirmedAt = Paid }, Cancellation);

        var update = await SilenceUpdateAsync(language, i => i with { Resolution = new Resolution(type, RefundAmount: 49.90m) }, id);

        Assert.Contains(Spaced(expected), update, StringComparison.Ordinal);
    }

    /// <summary>Stores an incident silent for eight days, changed by <paramref name="change"/>, runs the silence step and returns the update's text.</summary>
    private async Task<string> SilenceUpdateAsync(string language, Func<Incident, Incident> change, string? id = null)
    {
        var incident = change(IncidentBuilder.Reported(Now.AddDays(-8), id, language) with { Customer = new Customer("giulia@example.it", "Giulia Rossi", language) });
        var store = services.GetRequiredService<IncidentStore>();
        Assert.True(await store.TryAddAsync(incident,
            new TimelineEntry(IncidentStore.StepEntryId(incident.CreatedAt, "reported"), TimelineEntryKind.Reported, incident.CreatedAt, "Reported.", "customer", CustomerFacing: false, Delivered: false),
            Cancellation));

        var contact = await services.GetRequiredService<KeepCustomerInformed>().RunAsync(incident.Id);

        Assert.True(contact.StillOpen);
        var update = Assert.Single(amends.Outbox(), e => e.IncidentId == incident.Id && e.Step.StartsWith("silence-", StringComparison.Ordinal));
        return update.Body.ReplaceLineEndings("\n");
    }

    /// <summary>Amounts keep their currency on the same line: the space between them is a no-break space.</summary>
    private static string Spaced(string text) => Regex.Replace(text, @"(?<=\d) €|€ (?=\d)", m => m.Value.Replace(' ', Nbsp));
}
