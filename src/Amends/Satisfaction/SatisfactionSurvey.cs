using System.Globalization;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;

namespace Amends.Satisfaction;

/// <summary>
/// The customers' answers to the closing email's satisfaction question, one per incident, in one
/// partition that also holds the report's counts by score and the testimonials (newest first by row
/// key). Every answer changes its response, the counts and the testimonials in one entity group
/// transaction, so the report is exact without ever scanning the responses, and a click repeated or
/// changed moves nothing twice.
/// </summary>
public sealed class SatisfactionSurvey(StorageAccount account, TimeProvider clock)
{
    internal const string TableName = "Satisfaction";
    private const string Partition = "satisfaction";
    private const string ResponsePrefix = "response|";
    private const string CountPrefix = "score|";
    private const string TestimonialPrefix = "testimonial|";

    /// <summary>Counts by month the score was given, for a date range: <c>month|2026-03|score|5</c>.</summary>
    private const string MonthPrefix = "month|";

    /// <summary>The longest comment kept.</summary>
    public const int MaxCommentLength = 2000;

    private const int Attempts = 50;
    private readonly TableClient table = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The answer for <paramref name="incidentId"/>, if the customer gave one.</summary>
    public async Task<SatisfactionResponse?> FindAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, ResponsePrefix + incidentId, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>Records <paramref name="score"/> for the incident (a one-click answer), keeping any comment and consent given before.</summary>
    public Task<SatisfactionResponse> ScoreAsync(string incidentId, int score, string firstName, string language, CancellationToken cancellationToken = default) =>
        AnswerAsync(incidentId, old => (old ?? new SatisfactionResponse(incidentId, score, null, false, firstName, language, clock.GetUtcNow())) with { Score = score }, cancellationToken);

    /// <summary>Records the score, the comment and whether it may be shown publicly, replacing what was there.</summary>
    public Task<SatisfactionResponse> CommentAsync(
        string incidentId, int score, string? comment, bool consent, string firstName, string language, CancellationToken cancellationToken = default) =>
        AnswerAsync(
            incidentId,
            old => new SatisfactionResponse(incidentId, score, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), consent, firstName, language, clock.GetUtcNow()),
            cancellationToken);

    /// <summary>
    /// The satisfaction report of the scores given in <paramref name="range"/>'s months: responses per
    /// score and the average. Answers given before months were kept count in the all-time report only.
    /// </summary>
    public async Task<SatisfactionReport> ReportAsync(Reports.ReportRange range, CancellationToken cancellationToken = default)
    {
        if (range.IsAll)
        {
            return await ReportAsync(cancellationToken);
        }

        var counts = new int[5];
        var first = MonthPrefix + (range.From ?? "0000-00");
        var last = MonthPrefix + (range.To ?? "9999-99") + "|~";
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(first) >= 0 && e.RowKey.CompareTo(last) < 0,
            cancellationToken: cancellationToken))
        {
            if (int.TryParse(row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..], CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5)
            {
                counts[score - 1] += row.GetInt32("Responses") ?? 0;
            }
        }

        return SatisfactionReport.From(counts);
    }

    /// <summary>The satisfaction report: responses per score and the average.</summary>
    public async Task<SatisfactionReport> ReportAsync(CancellationToken cancellationToken = default)
    {
        var counts = new int[5];
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(CountPrefix) >= 0 && e.RowKey.CompareTo(CountPrefix + "~") < 0,
            cancellationToken: cancellationToken))
        {
            if (int.TryParse(row.RowKey[CountPrefix.Length..], CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5)
            {
                counts[score - 1] = row.GetInt32("Responses") ?? 0;
            }
        }

        return SatisfactionReport.From(counts);
    }

    /// <summary>The newest testimonials (score 5, a comment, the customer's consent), at most <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<Testimonial>> TestimonialsAsync(int count, CancellationToken cancellationToken = default)
    {
        List<Testimonial> found = [];
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(TestimonialPrefix) >= 0 && e.RowKey.CompareTo(TestimonialPrefix + "~") < 0,
            maxPerPage: count, cancellationToken: cancellationToken))
        {
            found.Add(new Testimonial(row.GetString("FirstName") ?? "", row.GetString("Comment") ?? "", row.GetString("Language") ?? "en",
                row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
            if (found.Count == count)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>
    /// Deletes the customer's answer (first name, comment) and its testimonial, in one transaction; the
    /// report's counts by score stay, as they hold no one's data.
    /// </summary>
    /// <returns>How many answers and testimonials were deleted (each 0 or 1).</returns>
    public async Task<(int Answers, int Testimonials)> ForgetAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(Partition, ResponsePrefix + incidentId, cancellationToken: cancellationToken);
            if (!current.HasValue)
            {
                return (0, 0);
            }

            List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, current.Value!, current.Value!.ETag)];
            var testimonial = current.Value!.GetString("TestimonialKey");
            if (testimonial is not null)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, testimonial), ETag.All));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return (1, testimonial is null ? 0 : 1);
            }
            catch (TableTransactionFailedException e) when (attempt < Attempts && ContestedRow.IsLostRace(e.Status))
            {
                await ContestedRow.BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    private async Task<SatisfactionResponse> AnswerAsync(
        string incidentId, Func<SatisfactionResponse?, SatisfactionResponse> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(Partition, ResponsePrefix + incidentId, cancellationToken: cancellationToken);
            var old = current.HasValue ? FromEntity(current.Value!) : null;
            var next = change(old);
            if (next.Comment is { Length: > MaxCommentLength })
            {
                next = next with { Comment = next.Comment[..MaxCommentLength] };
            }

            List<TableTransactionAction> actions = [];
            var entity = ToEntity(next);
            entity["TestimonialKey"] = IsTestimonial(next) ? TestimonialKey(next) : null;
            actions.Add(current.HasValue
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, current.Value!.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, entity));
            // The month the score was counted in; answers from before months were kept have none to take back.
            var countedMonth = current.HasValue ? current.Value!.GetString("CountedMonth") : null;
            if (old?.Score != next.Score)
            {
                if (old is not null)
                {
                    actions.Add(await CountAsync(ScoreRow(old.Score), -1, cancellationToken));
                    if (countedMonth is not null)
                    {
                        actions.Add(await CountAsync(MonthRow(countedMonth, old.Score), -1, cancellationToken));
                    }
                }

                countedMonth = next.AnsweredAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                actions.Add(await CountAsync(ScoreRow(next.Score), +1, cancellationToken));
                actions.Add(await CountAsync(MonthRow(countedMonth, next.Score), +1, cancellationToken));
            }

            entity["CountedMonth"] = countedMonth;

            var oldKey = current.HasValue ? current.Value!.GetString("TestimonialKey") : null;
            var newKey = entity.GetString("TestimonialKey");
            if (oldKey != newKey)
            {
                if (oldKey is not null)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, oldKey), ETag.All));
                }

                if (newKey is not null)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, newKey)
                    {
                        ["FirstName"] = next.FirstName,
                        ["Comment"] = next.Comment,
                        ["Language"] = next.Language,
                        ["At"] = next.AnsweredAt,
                    }));
                }
            }

            try
            {
                await table.SubmitAsync(actions, cancellationToken);
                return next;
            }
            catch (TableTransactionFailedException e) when (attempt < Attempts && ContestedRow.IsLostRace(e.Status))
            {
                // Another answer (or another incident's) moved a row we read: read them all again.
                await ContestedRow.BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    private static string ScoreRow(int score) => CountPrefix + score.ToString(CultureInfo.InvariantCulture);

    private static string MonthRow(string month, int score) => $"{MonthPrefix}{month}|{ScoreRow(score)}";

    private async Task<TableTransactionAction> CountAsync(string rowKey, int by, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, rowKey) { ["Responses"] = by });
        }

        var entity = row.Value!;
        entity["Responses"] = (entity.GetInt32("Responses") ?? 0) + by;
        return new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, entity.ETag);
    }

    private static bool IsTestimonial(SatisfactionResponse response) =>
        response is { Score: 5, Consent: true, Comment.Length: > 0 };

    // Newest first: row keys sort ascending, so the time is inverted.
    private static string TestimonialKey(SatisfactionResponse response) =>
        string.Create(CultureInfo.InvariantCulture, $"{TestimonialPrefix}{DateTimeOffset.MaxValue.UtcTicks - response.AnsweredAt.UtcTicks:D19}|{response.IncidentId}");

    private static TableEntity ToEntity(SatisfactionResponse response) => new(Partition, ResponsePrefix + response.IncidentId)
    {
        ["Score"] = response.Score,
        ["Comment"] = response.Comment,
        ["Consent"] = response.Consent,
        ["FirstName"] = response.FirstName,
        ["Language"] = response.Language,
        ["AnsweredAt"] = response.AnsweredAt,
    };

    private static SatisfactionResponse FromEntity(TableEntity e) => new(
        e.RowKey[ResponsePrefix.Length..],
        e.GetInt32("Score") ?? 0,
        e.GetString("Comment"),
        e.GetBoolean("Consent") ?? false,
        e.GetString("FirstName") ?? "",
        e.GetString("Language") ?? "en",
        e.GetDateTimeOffset("AnsweredAt") ?? DateTimeOffset.MinValue);
}

/// <summary>One customer's answer to the satisfaction question.</summary>
/// <param name="IncidentId">The incident it is about.</param>
/// <param name="Score">1 (poor) to 5 (excellent).</param>
/// <param name="Comment">What they added, if anything.</param>
/// <param name="Consent">Whether they allowed us to show the comment on the return-policy page.</param>
/// <param name="FirstName">Their first name, the only name a testimonial shows.</param>
/// <param name="Language">The language they wrote in.</param>
/// <param name="AnsweredAt">When they last answered.</param>
public sealed record SatisfactionResponse(
    string IncidentId, int Score, string? Comment, bool Consent, string FirstName, string Language, DateTimeOffset AnsweredAt);

/// <summary>A comment a customer allowed us to show, with a 5.</summary>
/// <param name="FirstName">Who wrote it.</param>
/// <param name="Comment">What they wrote.</param>
/// <param name="Language">The language it is written in.</param>
/// <param name="At">When.</param>
public sealed record Testimonial(string FirstName, string Comment, string Language, DateTimeOffset At);
