using System.Globalization;
using CsvHelper;

namespace Amends.Reports;

/// <summary>
/// The one CSV writer of every report (CsvHelper): quoting, separators, numbers in the invariant culture.
/// Text cells that a spreadsheet could run as a formula are escaped with a leading <c>'</c> (and quoted);
/// numbers are not, since a negative amount is no formula and escaping it would turn it into text.
/// </summary>
public static class CsvTable
{
    /// <summary>
    /// Starts of a formula that CsvHelper does not take as injection characters, so they are escaped here,
    /// the same way: the full-width equals sign, which some spreadsheets read as <c>=</c>, and NUL, which
    /// some readers drop, exposing what follows.
    /// </summary>
    private const string AlsoFormulaStarts = "\uFF1D\0";

    private static readonly CsvWriterOptions Options = new()
    {
        NewLine = "\n",
        Injection = CsvInjection.Escape,

        // OWASP's list: = + - @ tab CR.
        InjectionCharacters = "=+-@\t\r",
    };

    /// <summary>The CSV of <paramref name="header"/> and then each of <paramref name="rows"/>.</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IEnumerable<CsvCell>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            foreach (var name in header)
            {
                csv.WriteField(name);
            }

            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    cell.WriteTo(csv);
                }

                csv.EndRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>Writes text, escaped as CsvHelper escapes a formula when it starts with one of <see cref="AlsoFormulaStarts"/>.</summary>
    internal static void WriteText(CsvWriter csv, string text)
    {
        if (text.Length > 0 && AlsoFormulaStarts.Contains(text[0], StringComparison.Ordinal))
        {
            csv.WriteField("'" + text, CsvQuoting.Always);
        }
        else
        {
            csv.WriteField(text);
        }
    }
}

/// <summary>One CSV cell: text from people or stores (escaped against formulas), or a number (as it is).</summary>
public readonly struct CsvCell
{
    private readonly string? text;
    private readonly decimal? number;
    private readonly double? real;
    private readonly string format;

    private CsvCell(string? text, decimal? number, double? real, string? format)
    {
        this.text = text;
        this.number = number;
        this.real = real;
        this.format = format ?? "";
    }

    /// <summary>Text, escaped so a spreadsheet cannot run it.</summary>
    public static CsvCell Text(string? value) => new(value ?? "", null, null, null);

    /// <summary>A count.</summary>
    public static CsvCell Number(int value) => new(null, value, null, null);

    /// <summary>A whole or decimal number, with <paramref name="format"/> when given; empty when null.</summary>
    public static CsvCell Number(decimal? value, string? format = null) => new(null, value, null, format);

    /// <summary>A measured value (an average), the shortest text that reads back the same; empty when null.</summary>
    public static CsvCell Number(double? value) => new(null, null, value, null);

    internal void WriteTo(CsvWriter csv)
    {
        if (text is not null)
        {
            CsvTable.WriteText(csv, text);
        }
        else if (real is not null)
        {
            csv.WriteField(real, format);
        }
        else
        {
            csv.WriteField(number, format);
        }
    }
}
