namespace Amends.Satisfaction;

/// <summary>How satisfied customers were: responses per score and the average.</summary>
/// <param name="Dimension">Always <c>satisfaction</c>.</param>
/// <param name="Rows">Scores 1 to 5 with their responses.</param>
/// <param name="Responses">All responses.</param>
/// <param name="Average">The average score, or null without responses.</param>
public sealed record SatisfactionReport(string Dimension, IReadOnlyList<ScoreRow> Rows, int Responses, decimal? Average) : Reports.ICsvReport
{
    /// <summary>The report's name in routes.</summary>
    public const string Name = "satisfaction";

    /// <summary>The report from the responses per score (index 0 is score 1).</summary>
    public static SatisfactionReport From(IReadOnlyList<int> counts)
    {
        var rows = counts.Select((n, i) => new ScoreRow(i + 1, n)).ToList();
        var total = rows.Sum(r => r.Responses);
        decimal? average = total == 0 ? null : Math.Round((decimal)rows.Sum(r => r.Score * r.Responses) / total, 2, MidpointRounding.AwayFromZero);
        return new SatisfactionReport(Name, rows, total, average);
    }

    /// <summary>The report as CSV: one line per score, then <c>all</c> with every response and the average.</summary>
    public string ToCsv() => Reports.CsvTable.Write(
        ["score", "responses", "average"],
        Rows.Select(row => new[] { Reports.CsvCell.Number(row.Score), Reports.CsvCell.Number(row.Responses), Reports.CsvCell.Number(row.Score, "0.00") })
            .Append([Reports.CsvCell.Text("all"), Reports.CsvCell.Number(Responses), Reports.CsvCell.Number(Average, "0.00")]));
}

/// <summary>One score and how many customers gave it.</summary>
/// <param name="Score">1 to 5.</param>
/// <param name="Responses">How many gave it.</param>
public sealed record ScoreRow(int Score, int Responses);
