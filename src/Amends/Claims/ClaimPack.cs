using System.Globalization;
using Amends.Incidents;
using Amends.Ledger;
using Amends.Photos;
using Amends.Returns;
using ImageMagick;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Amends.Claims;

/// <summary>
/// The claim pack: one PDF staff attach to the carrier's claim form, with the claim (carrier, tracking
/// number, delivery, deadline), the incident in short, what it cost (the amounts claimed and the ledger's
/// lines), and the evidence photos embedded as stored (JPEG and PNG as they are; other picture types
/// converted to PNG; documents only named), two to an A4 page. Made when asked, never stored: it always
/// shows the claim as it stands. Drawn with PDFsharp and the fonts of the return labels.
/// </summary>
public sealed class ClaimPack(IncidentPhotos photos, CostLedger ledger)
{
    private const double Margin = 50;
    private const double Caption = 14;
    private const int MaxDescription = 1500;

    static ClaimPack() => LabelFonts.Install();

    /// <summary>The pack of <paramref name="claim"/>, the claim of <paramref name="incident"/>.</summary>
    public async Task<byte[]> DrawAsync(Incident incident, ClaimView claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(claim);
        var lines = await ledger.ForIncidentAsync(incident.Id, cancellationToken);
        List<(StoredPhoto Photo, byte[]? Picture)> evidence = [];
        foreach (var photo in await photos.ListAsync(incident.Id, cancellationToken))
        {
            evidence.Add((photo, photo.ContentType.StartsWith("image/", StringComparison.Ordinal) ? await PictureAsync(incident.Id, photo, cancellationToken) : null));
        }

        using var document = new PdfDocument();
        document.Info.Title = $"Carrier claim {incident.Id}";
        document.Info.Creator = "Amends";
        Summary(document.AddPage(), incident, claim, lines, evidence);
        Photos(document, [.. evidence.Where(e => e.Picture is not null).Select(e => (e.Photo, e.Picture!))]);

        using var pdf = new MemoryStream();
        document.Save(pdf, closeStream: false);
        return pdf.ToArray();
    }

    private static void Summary(PdfPage page, Incident incident, ClaimView claim, IReadOnlyList<CostLine> lines, List<(StoredPhoto Photo, byte[]? Picture)> evidence)
    {
        page.Size = PdfSharp.PageSize.A4;
        using var graphics = XGraphics.FromPdfPage(page);
        var width = page.Width.Point;
        var heading = new XFont("Segoe WP", 18, XFontStyleEx.Bold);
        var section = new XFont("Segoe WP", 12, XFontStyleEx.Bold);
        var text = new XFont("Segoe WP", 10);
        var y = Margin;

        Write(graphics, $"Carrier claim · {claim.Carrier ?? "carrier not named"}", heading, ref y, width);
        Write(graphics, $"Incident {incident.Id} · order {incident.OrderNumber}", text, ref y, width);
        y += 8;

        Write(graphics, "The claim", section, ref y, width);
        Pairs(graphics, ref y, width, text,
        [
            ("Carrier", claim.Carrier ?? "—"),
            ("Tracking number", claim.TrackingNumber ?? "—"),
            ("Delivered", Day(claim.DeliveredAt) + (claim.DeliveredAtAssumed ? " (the day the damage was reported)" : "")),
            ("Claim deadline", Day(claim.Deadline)),
            ("Status", claim.Status + (claim.Reference is { } reference ? $" · carrier's reference {reference}" : "")),
        ]);
        y += 8;

        Write(graphics, "What happened", section, ref y, width);
        Pairs(graphics, ref y, width, text,
        [
            ("Reported", Day(incident.CreatedAt)),
            ("Product", incident.Sku ?? "—"),
            ("Damage", Words(incident.Category.ToString())),
            ("Consignee", incident.Customer.Name),
        ]);
        var description = incident.Description.Length > MaxDescription ? incident.Description[..MaxDescription] + "…" : incident.Description;
        var words = $"In the customer's words: “{description}”";

        // Room for the wrapped lines, estimated from the text's width on one line (and a line or so for the wrapping's ragged ends).
        var lineCount = Math.Ceiling(graphics.MeasureString(words, text).Width / (width - 2 * Margin)) + words.Count(c => c == '\n') + 1;
        var box = new XRect(Margin, y + 2, width - 2 * Margin, Math.Min(220, lineCount * text.Size * 1.3));
        new XTextFormatter(graphics).DrawString(words, text, XBrushes.Black, box, XStringFormats.TopLeft);
        y += box.Height + 8;

        Write(graphics, "Amount claimed", section, ref y, width);
        Pairs(graphics, ref y, width, text,
        [
            ("Goods", Money(claim.Goods)),
            ("Shipping of the damaged parcel", Money(claim.Shipping)),
            ("Shipping of the replacement", Money(claim.ReplacementShipping)),
            ("Claimed" + (claim.AmountCorrected ? " (as set by staff)" : ""), Money(claim.ClaimedAmount)),
        ]);
        if (lines.Count > 0)
        {
            y += 4;
            Write(graphics, "The incident's costs in the store's ledger", text, ref y, width);
            Pairs(graphics, ref y, width, text, [.. lines.Select(l => (Words(l.Kind.ToString()) + (l.Kind.IsIncome() ? " (income)" : ""), Money(l.Amount)))]);
        }

        y += 8;
        Write(graphics, $"Evidence: {evidence.Count(e => e.Picture is not null)} photo(s), on the following pages", section, ref y, width);
        foreach (var (photo, picture) in evidence)
        {
            Write(graphics, $"{photo.FileName} · {Day(photo.AddedAt)}{(picture is null ? " · sent separately" : "")}", text, ref y, width);
        }
    }

    private static void Photos(PdfDocument document, IReadOnlyList<(StoredPhoto Photo, byte[] Picture)> evidence)
    {
        for (var first = 0; first < evidence.Count; first += 2)
        {
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            using var graphics = XGraphics.FromPdfPage(page);
            var slot = (page.Height.Point - 2 * Margin) / 2;
            for (var i = first; i < Math.Min(first + 2, evidence.Count); i++)
            {
                var (photo, picture) = evidence[i];
                using var stream = new MemoryStream(picture);
                using var image = XImage.FromStream(stream);
                var top = Margin + (i - first) * slot;
                var room = new XSize(page.Width.Point - 2 * Margin, slot - Caption - 12);
                var scale = Math.Min(1, Math.Min(room.Width / image.PointWidth, room.Height / image.PointHeight));
                graphics.DrawImage(image, Margin, top, image.PointWidth * scale, image.PointHeight * scale);
                graphics.DrawString($"Photo {i + 1}: {photo.FileName} ({Day(photo.AddedAt)})", new XFont("Segoe WP", 9), XBrushes.Black,
                    new XRect(Margin, top + image.PointHeight * scale + 4, room.Width, Caption), XStringFormats.TopLeft);
            }
        }
    }

    /// <summary>The photo's bytes as PDFsharp embeds them: JPEG and PNG as stored, other pictures as PNG; null when unreadable.</summary>
    private async Task<byte[]?> PictureAsync(string incidentId, StoredPhoto photo, CancellationToken cancellationToken)
    {
        if (await photos.OpenAsync(incidentId, photo.Name, cancellationToken) is not { } opened)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await using (opened.Content)
        {
            await opened.Content.CopyToAsync(buffer, cancellationToken);
        }

        if (photo.ContentType is FileContent.Jpeg or FileContent.Png)
        {
            return buffer.ToArray();
        }

        try
        {
            using var image = new MagickImage(buffer.ToArray());
            image.Format = MagickFormat.Png;
            return image.ToByteArray();
        }
        catch (MagickException)
        {
            return null;
        }
    }

    private static void Pairs(XGraphics graphics, ref double y, double width, XFont font, IReadOnlyList<(string Label, string Value)> pairs)
    {
        var labelWidth = 190;
        foreach (var (label, value) in pairs)
        {
            graphics.DrawString(label, font, XBrushes.DimGray, new XRect(Margin, y, labelWidth, font.Size * 1.4), XStringFormats.TopLeft);
            graphics.DrawString(value, font, XBrushes.Black, new XRect(Margin + labelWidth, y, width - 2 * Margin - labelWidth, font.Size * 1.4), XStringFormats.TopLeft);
            y += font.Size * 1.4;
        }
    }

    private static void Write(XGraphics graphics, string line, XFont font, ref double y, double width)
    {
        graphics.DrawString(line, font, XBrushes.Black, new XRect(Margin, y, width - 2 * Margin, font.Size * 1.4), XStringFormats.TopLeft);
        y += font.Size * 1.4;
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"DamagedInTransit" → "Damaged in transit".</summary>
    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
