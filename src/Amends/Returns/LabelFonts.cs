using PdfSharp.Fonts;
using PdfSharp.WPFonts;

namespace Amends.Returns;

/// <summary>
/// The fonts labels are drawn in: the Segoe WP faces that ship inside PDFsharp, whatever family is
/// asked for. A server (or a Functions worker) has no system fonts to count on, and PDFsharp's core
/// build finds none by itself; these cover the Latin letters of every customer language we write in.
/// </summary>
internal sealed class LabelFonts : IFontResolver
{
    private const string Regular = "SegoeWP";
    private const string Bold = "SegoeWP-Bold";

    /// <summary>Makes these PDFsharp's fonts for the process, unless a resolver is set already (PDFsharp takes one, once).</summary>
    public static void Install()
    {
        if (GlobalFontSettings.FontResolver is null)
        {
            GlobalFontSettings.FontResolver = new LabelFonts();
        }
    }

    /// <inheritdoc />
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    /// <inheritdoc />
    public byte[] GetFont(string faceName) => faceName == Bold ? FontDataHelper.SegoeWPBold : FontDataHelper.SegoeWP;
}
