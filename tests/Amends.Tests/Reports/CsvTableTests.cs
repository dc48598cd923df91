using Amends.Claims;
using Amends.Reports;

namespace Amends.Tests.Reports;

/// <summary>
/// Every report's CSV goes through one writer: text a store or a customer typed can never run as a
/// formula when staff open the file in a spreadsheet, while numbers (negative ones too) stay numbers.
/// </summary>
public sealed class CsvTableTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+cmd|' /C calc'!A0", "\"'+1+cmd|' /C calc'!A0\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("＝1+1", "\"'＝1+1\"")]
    [InlineData("\0=1", "\"'\0=1\"")]
    public void A_cell_a_spreadsheet_could_run_starts_with_a_quote_mark(string typed, string written)
    {
        Assert.Equal($"key\n{written}\n", CsvTable.Write(["key"], [[CsvCell.Text(typed)]]));
    }

    [Theory]
    [InlineData("KETTLE-2L", "KETTLE-2L")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "\"\"")]
    public void Plain_text_is_written_as_it_is_and_quoted_only_when_it_must_be(string typed, string written)
    {
        Assert.Equal($"key\n{written}\n", CsvTable.Write(["key"], [[CsvCell.Text(typed)]]));
    }

    [Fact]
    public void Numbers_stay_numbers_negative_and_missing_ones_too()
    {
        var csv = CsvTable.Write(["a", "b", "c", "d"], [[CsvCell.Number(-12.5m, "0.00"), CsvCell.Number(3), CsvCell.Number((double?)null), CsvCell.Number(1.25d)]]);

        Assert.Equal("a,b,c,d\n-12.50,3,,1.25\n", csv);
    }

    [Fact]
    public void A_report_escapes_its_keys_and_not_its_amounts()
    {
        var report = new Report("sku", [new ReportRow("=cmd()", 2, 10m, 15m)]);
        var claims = ClaimsReport.Of([]) with { Rows = [new ClaimsReportRow("@carrier", 1, 9.5m, 0m, 0m, 9.5m)] };

        Assert.Equal("key,incidents,grossCost,income,netCost,currency\n\"'=cmd()\",2,10.00,15.00,-5.00,EUR\n", report.ToCsv());
        Assert.Equal("carrier,claims,claimed,recovered,lost,pending\n\"'@carrier\",1,9.50,0.00,0.00,9.50\nTotal,0,0.00,0.00,0.00,0.00\n", claims.ToCsv());
    }
}
