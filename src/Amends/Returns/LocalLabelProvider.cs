using Amends.Orders;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Amends.Returns;

/// <summary>
/// The embedded default: a 100 × 150 mm PDF label (the size label printers take) the customer prints
/// and sticks on the parcel, with sender, recipient, order and incident, and the return number as a
/// Code 128 barcode. The bars are filled vector rectangles, not an embedded picture: they stay sharp
/// on any printer's resolution, the file stays small (about 16 KB, mostly the font subset), and the
/// PDF itself says where each bar is.
/// </summary>
public sealed class LocalLabelProvider(IOptions<ReturnLabelOptions> options) : ILabelProvider
{
    /// <summary>Width of one barcode module: 1.3 pt (0.46 mm), over three dots of a 203 dpi label printer; narrower only when a long number would not fit.</summary>
    public const double ModuleWidth = 1.3;

    /// <summary>Height of the bars (32 mm): a hand scanner need not be aimed.</summary>
    public const double BarHeight = 90;

    private const double Margin = 18;

    static LocalLabelProvider() => LabelFonts.Install();

    /// <inheritdoc />
    public Task<ReturnLabel> CreateAsync(ReturnLabelRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        return Task.FromResult(new ReturnLabel(request.ReturnNumber, Draw(request, settings.Carrier), settings.LabelCost, settings.Carrier, TrackingNumber: null));
    }

    private static byte[] Draw(ReturnLabelRequest request, string carrier)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Return label {request.ReturnNumber}";
        document.Info.Creator = "Amends";
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(100);
        page.Height = XUnit.FromMillimeter(150);
        var width = page.Width.Point;

        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var heading = new XFont("Segoe WP", 16, XFontStyleEx.Bold);
            var label = new XFont("Segoe WP", 7, XFontStyleEx.Bold);
            var text = new XFont("Segoe WP", 10);
            var y = Margin;

            Write(graphics, $"RETURN · {carrier}", heading, ref y, width);
            y += 4;
            Rule(graphics, ref y, width);

            Write(graphics, "FROM", label, ref y, width);
            Write(graphics, request.CustomerAddress is { Name.Length: > 0 } address ? address.Name : request.CustomerName, text, ref y, width);
            foreach (var line in request.CustomerAddress?.Lines() ?? [])
            {
                Write(graphics, line, text, ref y, width);
            }

            Write(graphics, request.CustomerEmail, text, ref y, width);
            y += 6;

            Write(graphics, "TO", label, ref y, width);
            Write(graphics, request.StoreName, new XFont("Segoe WP", 12, XFontStyleEx.Bold), ref y, width);
            foreach (var line in request.StoreAddress.Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                Write(graphics, line, text, ref y, width);
            }

            y += 4;
            Rule(graphics, ref y, width);
            Write(graphics, $"Order {request.OrderNumber}", text, ref y, width);
            Write(graphics, $"Incident {request.IncidentId}", text, ref y, width);
            y += 10;

            var bars = ReturnBarcode.Bars(request.ReturnNumber);
            var modules = ReturnBarcode.Width(bars) + 2 * ReturnBarcode.QuietZone;
            var module = Math.Min(ModuleWidth, width / modules);
            var left = (width - modules * module) / 2 + ReturnBarcode.QuietZone * module;
            foreach (var bar in bars)
            {
                graphics.DrawRectangle(XBrushes.Black, left + bar.Start * module, y, bar.Width * module, BarHeight);
            }

            y += BarHeight + 4;
            graphics.DrawString(request.ReturnNumber, new XFont("Segoe WP", 14, XFontStyleEx.Bold), XBrushes.Black,
                new XRect(0, y, width, 20), XStringFormats.TopCenter);
        }

        using var pdf = new MemoryStream();
        document.Save(pdf, closeStream: false);
        return pdf.ToArray();
    }

    private static void Write(XGraphics graphics, string line, XFont font, ref double y, double width)
    {
        graphics.DrawString(line, font, XBrushes.Black, new XRect(Margin, y, width - 2 * Margin, font.Size * 1.3), XStringFormats.TopLeft);
        y += font.Size * 1.3;
    }

    private static void Rule(XGraphics graphics, ref double y, double width)
    {
        graphics.DrawLine(new XPen(XColors.Black, 0.75), Margin, y, width - Margin, y);
        y += 8;
    }
}
