namespace Amends.Reports;

/// <summary>A report the API serves as JSON, or as CSV for a spreadsheet.</summary>
public interface ICsvReport
{
    /// <summary>The report as CSV: a header, then one line per row.</summary>
    string ToCsv();
}
