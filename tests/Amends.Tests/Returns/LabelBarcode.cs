using System.Diagnostics;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;
using ZXing;
using ZXing.Common;
using ZXing.OneD;

namespace Amends.Tests.Returns;

/// <summary>
/// Reads a label's barcode back out of the PDF, the two ways a scanner could meet it: from the
/// rectangles the PDF fills (rebuilt into a row of modules), and from the page rendered to pixels by
/// poppler's <c>pdftoppm</c>. Both decode with ZXing; neither looks at what the label was made from.
/// </summary>
internal static class LabelBarcode
{
    /// <summary>Decodes the Code 128 row drawn as filled rectangles on the PDF's first page.</summary>
    public static string? DecodeFromDrawing(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        List<(double X, double Y, double Width, double Height)> filled = [];
        List<(double X, double Y, double Width, double Height)> path = [];
        foreach (var op in Operators(ContentReader.ReadContent(document.Pages[0])))
        {
            switch (op.Name)
            {
                case "re":
                    var n = op.Operands.Select(Number).ToArray();
                    path.Add((n[0], n[1], n[2], n[3]));
                    break;
                case "f" or "F" or "f*":
                    filled.AddRange(path);
                    path.Clear();
                    break;
                case "S" or "s" or "n" or "B" or "B*" or "b" or "b*":
                    path.Clear();
                    break;
            }
        }

        // The bars are the filled rectangles of one height on one line: the largest such group.
        var bars = filled
            .GroupBy(r => (Math.Round(r.Y, 2), Math.Round(Math.Abs(r.Height), 2)))
            .OrderByDescending(g => g.Count())
            .First()
            .OrderBy(r => r.X)
            .ToList();
        var module = bars.Min(b => b.Width);
        var left = bars[0].X;
        var modules = (int)Math.Round((bars[^1].X + bars[^1].Width - left) / module);
        const int Quiet = 10;
        var row = new BitArray(modules + 2 * Quiet);
        foreach (var bar in bars)
        {
            var start = (int)Math.Round((bar.X - left) / module);
            row.setRange(Quiet + start, Quiet + start + (int)Math.Round(bar.Width / module));
        }

        try
        {
            return new Code128Reader().decodeRow(0, row, new Dictionary<DecodeHintType, object>())?.Text;
        }
        catch (ReaderException)
        {
            return null;
        }
    }

    /// <summary>Whether poppler's renderer is installed (CI installs it: <c>.ci/run</c>).</summary>
    public static bool CanRender => Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
        .Any(folder => File.Exists(Path.Combine(folder, "pdftoppm"))) == true;

    /// <summary>Renders the PDF's first page to grey pixels at <paramref name="dpi"/> and decodes the barcode on it.</summary>
    public static async Task<string?> DecodeFromPixelsAsync(byte[] pdf, int dpi, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("amends-label-");
        try
        {
            var input = Path.Combine(folder.FullName, "label.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken);
            var start = new ProcessStartInfo("pdftoppm", ["-gray", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-singlefile", input, Path.Combine(folder.FullName, "label")])
            {
                RedirectStandardError = true,
            };
            using (var process = Process.Start(start)!)
            {
                await process.WaitForExitAsync(cancellationToken);
                Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync(cancellationToken));
            }

            var (pixels, width, height) = ReadPgm(await File.ReadAllBytesAsync(Path.Combine(folder.FullName, "label.pgm"), cancellationToken));
            var reader = new BarcodeReaderGeneric
            {
                Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.CODE_128], TryHarder = true },
            };
            return reader.Decode(new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<COperator> Operators(CSequence sequence)
    {
        foreach (var item in sequence)
        {
            if (item is COperator op)
            {
                yield return op;
            }
            else if (item is CSequence nested)
            {
                foreach (var inner in Operators(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static double Number(CObject operand) => operand switch
    {
        CReal real => real.Value,
        CInteger integer => integer.Value,
        _ => throw new InvalidDataException($"Not a number: {operand}"),
    };

    /// <summary>A binary PGM (P5, 8-bit): header of magic, width, height, maximum, then one byte per pixel.</summary>
    private static (byte[] Pixels, int Width, int Height) ReadPgm(byte[] file)
    {
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)file[position]))
            {
                position++;
            }

            var begin = position;
            while (!char.IsWhiteSpace((char)file[position]))
            {
                position++;
            }

            return System.Text.Encoding.ASCII.GetString(file, begin, position - begin);
        }

        Assert.Equal("P5", Token());
        var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("255", Token());
        position++;
        return (file[position..(position + width * height)], width, height);
    }
}
