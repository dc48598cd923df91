using Amends.Returns;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amends.Tests.Returns;

/// <summary>The local return label: a real PDF whose barcode scans back to the return number, made once per incident.</summary>
public sealed class ReturnLabelTests(AzuriteFixture azurite)
{
    private static readonly ReturnLabelRequest Request = new(
        "RET-7K3M9Q2X", "AMD-7K3M9Q2X", "#1001", "Ola Nordmann", "ola@example.no", "Kjøkkenbutikken", ["Storgata 1", "0155 Oslo"]);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Label_barcode_drawn_in_the_pdf_decodes_back_to_the_return_number()
    {
        var label = await Provider().CreateAsync(Request, Cancellation);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(label.Pdf, 0, 5));
        Assert.Equal("RET-7K3M9Q2X", LabelBarcode.DecodeFromDrawing(label.Pdf));
    }

    [Theory]
    [InlineData(203)]
    [InlineData(300)]
    public async Task Label_printed_at_label_printer_resolutions_scans_back_to_the_return_number(int dpi)
    {
        if (!LabelBarcode.CanRender)
        {
            Assert.Skip("pdftoppm (poppler-utils) is not installed; scripts/test.sh installs it.");
        }

        var label = await Provider().CreateAsync(Request with { ReturnNumber = "RET-ZX0Q12AB" }, Cancellation);

        Assert.Equal("RET-ZX0Q12AB", await LabelBarcode.DecodeFromPixelsAsync(label.Pdf, dpi, Cancellation));
    }

    [Fact]
    public async Task Label_is_made_once_per_incident_and_stored_privately()
    {
        var counting = new CountingProvider(Provider());
        using var amends = new AmendsTestServices(azurite);
        await using var services = await amends.BuildAsync(s => s.AddSingleton<ILabelProvider>(counting), Cancellation);
        var labels = services.GetRequiredService<ReturnLabels>();
        var incident = IncidentBuilder.Reported(DateTimeOffset.UtcNow);

        var first = await labels.EnsureAsync(incident, Cancellation);
        var again = await labels.EnsureAsync(incident, Cancellation);
        var file = await labels.ReadAsync(incident.Id, Cancellation);

        Assert.Equal(1, counting.Made);
        Assert.Equal(first, again);
        Assert.Equal(ReturnLabels.ReturnNumberFor(incident.Id), first.ReturnNumber);
        Assert.Equal(first.ReturnNumber, LabelBarcode.DecodeFromDrawing(file!.Pdf));
        Assert.Null(await labels.ReadAsync("AMD-NOSUCH00", Cancellation));
    }

    private static LocalLabelProvider Provider() => new(Options.Create(new ReturnLabelOptions { LabelCost = 5.50m, Carrier = "Posten" }));

    private sealed class CountingProvider(ILabelProvider inner) : ILabelProvider
    {
        public int Made { get; private set; }

        public Task<ReturnLabel> CreateAsync(ReturnLabelRequest request, CancellationToken cancellationToken = default)
        {
            Made++;
            return inner.CreateAsync(request, cancellationToken);
        }
    }
}
