using ZXing;
using ZXing.OneD;

namespace Amends.Returns;

/// <summary>The return number as a Code 128 barcode: the bars, in modules, as ZXing encodes them.</summary>
public static class ReturnBarcode
{
    /// <summary>Blank modules either side, so a scanner finds where the code starts and ends.</summary>
    public const int QuietZone = 10;

    /// <summary>The bars of <paramref name="returnNumber"/>, left to right, from the first bar (no quiet zone).</summary>
    public static IReadOnlyList<Bar> Bars(string returnNumber)
    {
        // Width 1 and no margin: one matrix column per module, so runs of set columns are the bars.
        var matrix = new Code128Writer().encode(returnNumber, BarcodeFormat.CODE_128, 1, 1,
            new Dictionary<EncodeHintType, object> { [EncodeHintType.MARGIN] = 0 });
        List<Bar> bars = [];
        for (var x = 0; x < matrix.Width; x++)
        {
            if (!matrix[x, 0])
            {
                continue;
            }

            var start = x;
            while (x + 1 < matrix.Width && matrix[x + 1, 0])
            {
                x++;
            }

            bars.Add(new Bar(start, x - start + 1));
        }

        return bars;
    }

    /// <summary>How many modules wide the code is, without its quiet zones.</summary>
    public static int Width(IReadOnlyList<Bar> bars) => bars.Count == 0 ? 0 : bars[^1].Start + bars[^1].Width;
}

/// <summary>One bar of a barcode.</summary>
/// <param name="Start">Its first module.</param>
/// <param name="Width">How many modules wide it is.</param>
public sealed record Bar(int Start, int Width);
