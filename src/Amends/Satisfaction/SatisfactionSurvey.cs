using System.Globalization;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;

namespace Amends.Satisfaction;

/// <summary>
/// The customers' answers to the closing email's satisfaction question, one per incident, in one
/// partition that also holds the report's counts by score and the testimonials offered (a 5, a comment,
/// the customer's consent) with their moderation state: <c>pending|</c> until staff read them,
/// <c>testimonial|</c> once approved (the only ones shown publicly), <c>rejected|</c>; newest first by
/// row key. Every answer changes its response, the counts and its testimonial row in one entity group
/// transaction, so the report is exact without ever scanning the responses, and an answer repeated or
/// changed moves nothing twice.
/// </summary>
public sealed class SatisfactionSurvey(StorageAccount account, TimeProvider clock)
{
    internal const string TableName = "Satisfaction";
    private const string Partition = "satisfaction";
    private const string ResponsePrefix = "response|";
    private const string CountPrefix = "score|";

    /// <summary>Approved testimonials; the prefix predates moderation, so those shown before it stay approved.</summary>
    private const string ApprovedPrefix = "testimonial|";
    private const string PendingPrefix = "pending|";
    private const string RejectedPrefix = "rejected|";

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

    /// <summary>
    /// Records the score, the comment and whether it may be shown publicly, replacing what was there (one
    /// answer per incident: the latest counts). A comment offered as a testimonial waits for staff; one
    /// they already judged keeps their decision while its text stays the same.
    /// </summary>
    public Task<SatisfactionResponse> AnswerAsync(
        string incidentId, int score, string? comment, bool consent, string firstName, string language, CancellationToken cancellationToken = default) =>
        SaveAsync(new SatisfactionResponse(incidentId, score, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), consent, firstName, language, clock.GetUtcNow()),
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

    /// <summary>The newest approved testimonials, at most <paramref name="count"/>: the only ones shown publicly.</summary>
    public async Task<IReadOnlyList<Testimonial>> TestimonialsAsync(int count, CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(TestimonialState.Approved, count, cancellationToken)).Select(t => new Testimonial(t.FirstName, t.Comment, t.Language, t.At))];

    /// <summary>The newest testimonials in <paramref name="state"/>, at most <paramref name="count"/>, for staff.</summary>
    public async Task<IReadOnlyList<TestimonialOffer>> ListAsync(TestimonialState state, int count, CancellationToken cancellationToken = default)
    {
        var prefix = PrefixOf(state);
        List<TestimonialOffer> found = [];
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(prefix + "~") < 0,
            maxPerPage: count, cancellationToken: cancellationToken))
        {
            found.Add(OfferFrom(row, state));
            if (found.Count == count)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>
    /// Staff approve or reject the testimonial offered for <paramref name="incidentId"/>, recording who
    /// and when; deciding what is already decided changes nothing. Null when the answer offers none
    /// (no answer, no comment, no consent, or not a 5).
    /// </summary>
    public Task<TestimonialOffer?> ModerateAsync(string incidentId, TestimonialState decision, string staffName, CancellationToken cancellationToken = default)
    {
        if (decision == TestimonialState.Pending)
        {
            throw new ArgumentOutOfRangeException(nameof(decision), "Staff approve or reject.");
        }

        return ContestedRow.RetryAsync<TestimonialOffer?>(Attempts, async () =>
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(Partition, ResponsePrefix + incidentId, cancellationToken: cancellationToken);
            if (!current.HasValue || current.Value!.GetString("TestimonialKey") is not { } key)
            {
                return null;
            }

            var response = current.Value!;
            var state = StateOf(key);
            if (state == decision)
            {
                return OfferFrom(response, key);
            }

            var newKey = PrefixOf(decision) + key[PrefixOf(state).Length..];
            response["TestimonialKey"] = newKey;
            response["ModeratedBy"] = staffName;
            response["ModeratedAt"] = clock.GetUtcNow();
            var offer = OfferFrom(response, newKey);
            await table.SubmitAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, response, response.ETag),
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, key), ETag.All),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, IndexRow(newKey, offer)),
            ], cancellationToken);
            return offer;
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes the customer's answer (first name, comment) and its testimonial in whatever state, in one
    /// transaction; the report's counts by score stay, as they hold no one's data.
    /// </summary>
    /// <returns>How many answers and testimonials were deleted (each 0 or 1).</returns>
    public Task<(int Answers, int Testimonials)> ForgetAsync(string incidentId, CancellationToken cancellationToken = default) =>
        ContestedRow.RetryAsync(Attempts, async () =>
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

            await table.SubmitAsync(actions, cancellationToken);
            return (1, testimonial is null ? 0 : 1);
        }, cancellationToken);

    private Task<SatisfactionResponse> SaveAsync(SatisfactionResponse answer, CancellationToken cancellationToken)
    {
        if (answer.Comment is { Length: > MaxCommentLength })
        {
            answer = answer with { Comment = answer.Comment[..MaxCommentLength] };
        }

        // Another answer (or another incident's) may move a row we read: then all are read again.
        return ContestedRow.RetryAsync(Attempts, async () =>
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(Partition, ResponsePrefix + answer.IncidentId, cancellationToken: cancellationToken);
            var old = current.HasValue ? FromEntity(current.Value!) : null;
            var oldKey = current.HasValue ? current.Value!.GetString("TestimonialKey") : null;

            List<TableTransactionAction> actions = [];
            var entity = ToEntity(answer);
            string? newKey = null;
            if (IsTestimonial(answer))
            {
                // The same words keep the staff's decision; new words are read again before they show.
                var sameWords = oldKey is not null && old!.Comment == answer.Comment && old.FirstName == answer.FirstName;
                newKey = sameWords ? oldKey : PendingPrefix + TimeKey(answer);
                if (sameWords)
                {
                    entity["ModeratedBy"] = current.Value!.GetString("ModeratedBy");
                    entity["ModeratedAt"] = current.Value!.GetDateTimeOffset("ModeratedAt");
                }
            }

            entity["TestimonialKey"] = newKey;
            actions.Add(current.HasValue
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, current.Value!.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, entity));
            // The month the score was counted in; answers from before months were kept have none to take back.
            var countedMonth = current.HasValue ? current.Value!.GetString("CountedMonth") : null;
            if (old?.Score != answer.Score)
            {
                if (old is not null)
                {
                    actions.Add(await CountAsync(ScoreRow(old.Score), -1, cancellationToken));
                    if (countedMonth is not null)
                    {
                        actions.Add(await CountAsync(MonthRow(countedMonth, old.Score), -1, cancellationToken));
                    }
                }

                countedMonth = answer.AnsweredAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                actions.Add(await CountAsync(ScoreRow(answer.Score), +1, cancellationToken));
                actions.Add(await CountAsync(MonthRow(countedMonth, answer.Score), +1, cancellationToken));
            }

            entity["CountedMonth"] = countedMonth;
            if (oldKey != newKey)
            {
                if (oldKey is not null)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, oldKey), ETag.All));
                }

                if (newKey is not null)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, IndexRow(newKey, OfferFrom(entity, newKey))));
                }
            }

            await table.SubmitAsync(actions, cancellationToken);
            return answer;
        }, cancellationToken);
    }

    private static string PrefixOf(TestimonialState state) => state switch
    {
        TestimonialState.Approved => ApprovedPrefix,
        TestimonialState.Rejected => RejectedPrefix,
        _ => PendingPrefix,
    };

    private static TestimonialState StateOf(string key) =>
        key.StartsWith(ApprovedPrefix, StringComparison.Ordinal) ? TestimonialState.Approved
        : key.StartsWith(RejectedPrefix, StringComparison.Ordinal) ? TestimonialState.Rejected
        : TestimonialState.Pending;

    /// <summary>The testimonial as its row shows it: the response's entity or its index row.</summary>
    private static TestimonialOffer OfferFrom(TableEntity row, string key) => OfferFrom(row, StateOf(key), key[(key.LastIndexOf('|') + 1)..]);

    private static TestimonialOffer OfferFrom(TableEntity row, TestimonialState state, string? incidentId = null) => new(
        incidentId ?? row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..],
        row.GetString("FirstName") ?? "",
        row.GetString("Comment") ?? "",
        row.GetString("Language") ?? "en",
        row.GetDateTimeOffset("At") ?? row.GetDateTimeOffset("AnsweredAt") ?? DateTimeOffset.MinValue,
        state,
        row.GetString("ModeratedBy"),
        row.GetDateTimeOffset("ModeratedAt"));

    private static TableEntity IndexRow(string key, TestimonialOffer offer) => new(Partition, key)
    {
        ["FirstName"] = offer.FirstName,
        ["Comment"] = offer.Comment,
        ["Language"] = offer.Language,
        ["At"] = offer.At,
        ["ModeratedBy"] = offer.ModeratedBy,
        ["ModeratedAt"] = offer.ModeratedAt,
    };

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
    private static string TimeKey(SatisfactionResponse response) =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - response.AnsweredAt.UtcTicks:D19}|{response.IncidentId}");

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

/// <summary>A comment a customer allowed us to show, with a 5, approved by staff.</summary>
/// <param name="FirstName">Who wrote it.</param>
/// <param name="Comment">What they wrote.</param>
/// <param name="Language">The language it is written in.</param>
/// <param name="At">When.</param>
public sealed record Testimonial(string FirstName, string Comment, string Language, DateTimeOffset At);

/// <summary>Where a testimonial stands: offered by the customer, then read by staff.</summary>
public enum TestimonialState
{
    /// <summary>Offered, not read yet: shown nowhere public.</summary>
    Pending,

    /// <summary>Approved by staff: shown on the return-policy page.</summary>
    Approved,

    /// <summary>Rejected by staff: shown nowhere public.</summary>
    Rejected,
}

/// <summary>A testimonial a customer offered (a 5, a comment, their consent), as staff moderate it.</summary>
/// <param name="IncidentId">The incident it is about; approve or reject by it.</param>
/// <param name="FirstName">Who wrote it (the only name it shows).</param>
/// <param name="Comment">What they wrote, as they wrote it.</param>
/// <param name="Language">The language it is written in.</param>
/// <param name="At">When the customer wrote it.</param>
/// <param name="State">Pending, approved or rejected.</param>
/// <param name="ModeratedBy">The staff member who approved or rejected it last; none while pending (or for one approved before moderation began).</param>
/// <param name="ModeratedAt">When.</param>
public sealed record TestimonialOffer(
    string IncidentId, string FirstName, string Comment, string Language, DateTimeOffset At, TestimonialState State,
    string? ModeratedBy = null, DateTimeOffset? ModeratedAt = null);
