using System.Globalization;

namespace Amends.Reports;

/// <summary>
/// The months a report covers, both ends included (<c>yyyy-MM</c>, UTC). Reports are kept by month, so a
/// range is whole months: a day could only be honoured by scanning the ledger.
/// </summary>
/// <param name="From">The first month, or null from the start.</param>
/// <param name="To">The last month, or null up to now.</param>
public sealed record ReportRange(string? From, string? To)
{
    /// <summary>Every month.</summary>
    public static readonly ReportRange All = new(null, null);

    /// <summary>True when the range has no end on either side.</summary>
    public bool IsAll => From is null && To is null;

    /// <summary>True when <paramref name="month"/> (<c>yyyy-MM</c>) is in the range.</summary>
    public bool Contains(string month) =>
        (From is null || string.CompareOrdinal(month, From) >= 0) && (To is null || string.CompareOrdinal(month, To) <= 0);

    /// <summary>
    /// The range of the query's <c>from</c> and <c>to</c>, or the field that is wrong and why: each a month
    /// written <c>yyyy-MM</c>, and <c>from</c> not after <c>to</c>.
    /// </summary>
    public static (ReportRange? Range, string? Field, string? Error) Parse(string? from, string? to)
    {
        if (!TryMonth(from, out var first))
        {
            return (null, "from", "A month written yyyy-MM (e.g. 2026-03); reports are kept by month.");
        }

        if (!TryMonth(to, out var last))
        {
            return (null, "to", "A month written yyyy-MM (e.g. 2026-03); reports are kept by month.");
        }

        if (first is not null && last is not null && string.CompareOrdinal(first, last) > 0)
        {
            return (null, "from", $"The first month ({first}) comes after the last ({last}).");
        }

        return (new ReportRange(first, last), null, null);
    }

    private static bool TryMonth(string? value, out string? month)
    {
        month = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!DateTime.TryParseExact(value.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        month = parsed.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return true;
    }
}
