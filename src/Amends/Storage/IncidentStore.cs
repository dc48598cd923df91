using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Amends.Incidents;
using Azure;
using Azure.Data.Tables;

namespace Amends.Storage;

/// <summary>
/// Incidents and their timelines in Table Storage. An incident's partition holds the incident, its
/// timeline and its email log, so they change together in one transaction; the queue index lives in
/// its own table, keyed for the list staff read (open first, oldest first). See docs/table-design.md.
/// </summary>
public sealed class IncidentStore(StorageAccount account, TimeProvider clock)
{
    internal const string IncidentsTable = "Incidents";
    internal const string IndexTable = "IncidentIndex";
    private const string IncidentRow = "incident";
    private const string TimelinePrefix = "timeline|";
    private const string EmailPrefix = "email|";
    private const string AllPartition = "all";
    private const int MaxConflictRetries = 5;

    /// <summary>How many queue rows one search request reads at most before answering with what it found.</summary>
    private const int SearchScanLimit = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient incidents = account.Table(IncidentsTable);
    private readonly TableClient index = account.Table(IndexTable);

    // Staff hear of every attention reason raised here, once: the notice is keyed by the reason.
    private readonly Notifications.StaffNotices notices = new(account);

    /// <summary>Creates the tables this store uses when they do not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await incidents.CreateIfNotExistsAsync(cancellationToken);
        await index.CreateIfNotExistsAsync(cancellationToken);
    }

    /// <summary>Stores a new incident with its first timeline entry, in one transaction.</summary>
    /// <returns>False when the incident number is already taken.</returns>
    public Task<bool> TryAddAsync(Incident incident, TimelineEntry reported, CancellationToken cancellationToken = default) =>
        TryAddAsync(incident, reported, [], cancellationToken);

    /// <summary>
    /// Stores a new incident with its first timeline entry and <paramref name="entries"/>, in one transaction when
    /// they fit in one (else the entries beyond are upserted first, in batches, as <see cref="ChangeAsync"/> does):
    /// one round trip and one index write instead of an add followed by a change.
    /// </summary>
    /// <returns>False when the incident number is already taken; then nothing of this call was written but entries beyond one transaction.</returns>
    public async Task<bool> TryAddAsync(Incident incident, TimelineEntry reported, IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var inline = TableTransactions.MaxActions - 2;
        if (entries.Count > inline)
        {
            // Idempotent (fixed ids), and invisible until the incident row exists: the incident is written last.
            await incidents.UpsertInBatchesAsync(entries.Skip(inline).Select(e => ToEntity(incident.Id, e)), cancellationToken);
        }

        try
        {
            await incidents.SubmitAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(incident)),
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(incident.Id, reported)),
                .. entries.Take(inline).Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(incident.Id, e))),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }

        await ReindexAsync(incident, statusChanged: false, cancellationToken);
        await notices.AddRaisedAsync(null, incident, cancellationToken);
        return true;
    }

    /// <summary>The incident with its ETag, or null when there is none with that number.</summary>
    public async Task<Stored<Incident>?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await incidents.GetEntityIfExistsAsync<TableEntity>(id, IncidentRow, cancellationToken: cancellationToken);
        return response.HasValue ? new Stored<Incident>(ToIncident(response.Value!), response.Value!.ETag) : null;
    }

    /// <summary>Replaces the incident if nobody changed it since <paramref name="etag"/>.</summary>
    /// <exception cref="ConcurrencyConflictException">It was changed in the meantime.</exception>
    public async Task<Stored<Incident>> UpdateAsync(Incident incident, ETag etag, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await incidents.UpdateEntityAsync(ToEntity(incident), etag, TableUpdateMode.Replace, cancellationToken);
            return new Stored<Incident>(incident, response.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            throw new ConcurrencyConflictException($"Incident {incident.Id} was changed by someone else.", e);
        }
    }

    /// <summary>
    /// Reads the incident, applies <paramref name="change"/> and writes it back, retrying when another
    /// writer got there first; <paramref name="entries"/> join its timeline in the same transaction.
    /// Entries beyond what one transaction holds beside the incident are upserted first, in batches:
    /// each is idempotent, so a retry rewrites the same rows and the incident changes last.
    /// </summary>
    /// <returns>The incident as stored, or null when it does not exist.</returns>
    public async Task<Incident?> ChangeAsync(
        string id,
        Func<Incident, Incident> change,
        IReadOnlyList<TimelineEntry>? entries = null,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await FindAsync(id, cancellationToken);
            if (stored is null)
            {
                return null;
            }

            var all = entries ?? [];
            var inline = TableTransactions.MaxActions - 1;
            if (attempt == 1 && all.Count > inline)
            {
                await incidents.UpsertInBatchesAsync(all.Skip(inline).Select(e => ToEntity(id, e)), cancellationToken);
            }

            var changed = change(stored.Value);
            List<TableTransactionAction> actions =
                [new(TableTransactionActionType.UpdateReplace, ToEntity(changed), stored.ETag)];
            actions.AddRange(all.Take(inline).Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(id, e))));
            try
            {
                await incidents.SubmitAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                if (attempt == MaxConflictRetries)
                {
                    throw new ConcurrencyConflictException($"Incident {id} kept changing; gave up after {attempt} attempts.", e);
                }

                continue;
            }

            await ReindexAsync(changed, statusChanged: changed.Status != stored.Value.Status, cancellationToken);
            await notices.AddRaisedAsync(stored.Value, changed, cancellationToken);
            return changed;
        }
    }

    /// <summary>Adds one entry to an incident's timeline.</summary>
    public async Task AppendAsync(string incidentId, TimelineEntry entry, CancellationToken cancellationToken = default) =>
        await incidents.UpsertEntityAsync(ToEntity(incidentId, entry), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The incident's timeline, oldest first.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {incidentId} and RowKey ge {TimelinePrefix} and RowKey lt {TimelinePrefix + "~"}");
        List<TimelineEntry> entries = [];
        await foreach (var entity in incidents.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(ToEntry(entity));
        }

        return entries;
    }

    /// <summary>A new timeline entry id: sortable by time, unique within the incident.</summary>
    public string NewEntryId() =>
        string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow().UtcTicks:D19}-{Guid.NewGuid():N}")[..28];

    /// <summary>
    /// The id of the timeline entry a workflow step writes: fixed for the step, so a retried step
    /// rewrites its entry instead of adding a second; sorted at <paramref name="at"/>.
    /// </summary>
    public static string StepEntryId(DateTimeOffset at, string step) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}-{step}");

    /// <summary>
    /// Records that an email for <paramref name="key"/> is about to be sent.
    /// </summary>
    /// <returns>False when it was already sent, so a retried activity does not email twice.</returns>
    public async Task<bool> BeginEmailAsync(string incidentId, string key, CancellationToken cancellationToken = default)
    {
        var started = new TableEntity(incidentId, EmailPrefix + key) { ["Sent"] = false, ["StartedAt"] = clock.GetUtcNow() };
        try
        {
            // The first attempt (nearly always) finds no row: one insert rather than a read and a write.
            await incidents.AddEntityAsync(started, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // A retry: sent already, or begun and cut short before it was.
        }

        var existing = await incidents.GetEntityIfExistsAsync<TableEntity>(incidentId, EmailPrefix + key, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value!.GetBoolean("Sent") == true)
        {
            return false;
        }

        await incidents.UpsertEntityAsync(started, TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    /// <summary>Records that the email for <paramref name="key"/> went out.</summary>
    public async Task CompleteEmailAsync(string incidentId, string key, CancellationToken cancellationToken = default) =>
        await incidents.UpsertEntityAsync(
            new TableEntity(incidentId, EmailPrefix + key) { ["Sent"] = true, ["SentAt"] = clock.GetUtcNow() },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// When the email for <paramref name="key"/> went out, or null if it did not. A step run again after a crash
    /// finds its email sent before: the customer heard from us then, not at the re-run, and the silence counts from then.
    /// </summary>
    public async Task<DateTimeOffset?> EmailSentAtAsync(string incidentId, string key, CancellationToken cancellationToken = default)
    {
        var existing = await incidents.GetEntityIfExistsAsync<TableEntity>(incidentId, EmailPrefix + key, ["SentAt"], cancellationToken);
        return existing.HasValue ? existing.Value!.GetDateTimeOffset("SentAt") : null;
    }

    /// <summary>
    /// One page of the queue: open first, oldest first, filtered by <paramref name="query"/>; by last contact,
    /// longest silence first, when <see cref="IncidentQuery.LastContactBefore"/> is given.
    /// </summary>
    public async Task<IncidentPage> ListAsync(
        IncidentQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var filter = IndexFilter(query);
        var (token, skip) = ReadToken(continuationToken);
        if (query.LastContactBefore is not null)
        {
            return await ListBySilenceAsync(filter, query.Text, skip, pageSize, cancellationToken);
        }

        if (query.Text is { } text)
        {
            return await SearchAsync(filter, text, token, skip, pageSize, cancellationToken);
        }

        await foreach (var page in index.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken)
            .AsPages(token, pageSize))
        {
            return new IncidentPage([.. page.Values.Select(ToSummary)], page.ContinuationToken is null ? null : Token(page.ContinuationToken, 0));
        }

        return new IncidentPage([], null);
    }

    /// <summary>
    /// Text search: the index has no full-text filter, so this reads the queue in its order, page by page,
    /// and keeps the incidents whose words match, until a page is full or <see cref="SearchScanLimit"/> rows
    /// were read (then a short page comes back with a token to read on). The token remembers how far into
    /// the last index page it got, so no match is skipped or shown twice.
    /// </summary>
    private async Task<IncidentPage> SearchAsync(string filter, string text, string? token, int skip, int pageSize, CancellationToken cancellationToken)
    {
        List<IncidentSummary> found = [];
        var scanned = 0;
        while (true)
        {
            Page<TableEntity>? page = null;
            await foreach (var first in index.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(token, pageSize))
            {
                page = first;
                break;
            }

            var rows = page?.Values ?? [];
            for (var i = skip; i < rows.Count; i++)
            {
                if (await MatchesAsync(rows[i], text, cancellationToken))
                {
                    found.Add(ToSummary(rows[i]));
                }

                if (found.Count == pageSize)
                {
                    var next = i + 1 < rows.Count ? Token(token, i + 1) : page!.ContinuationToken is { } after ? Token(after, 0) : null;
                    return new IncidentPage(found, next);
                }
            }

            scanned += rows.Count - skip;
            if (page?.ContinuationToken is null)
            {
                return new IncidentPage(found, null);
            }

            token = page.ContinuationToken;
            skip = 0;
            if (scanned >= SearchScanLimit)
            {
                return new IncidentPage(found, Token(token, 0));
            }
        }
    }

    /// <summary>
    /// Incidents silent since before a time, longest silence first: the index is ordered by status and age,
    /// so this reads every matching row (the open incidents nearing their silence limit: few) and sorts them.
    /// </summary>
    private async Task<IncidentPage> ListBySilenceAsync(string filter, string? text, int skip, int pageSize, CancellationToken cancellationToken)
    {
        List<TableEntity> rows = [];
        await foreach (var row in index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (text is null || await MatchesAsync(row, text, cancellationToken))
            {
                rows.Add(row);
            }
        }

        var sorted = rows.Select(ToSummary).OrderBy(s => s.LastCustomerContactAt).ThenBy(s => s.CreatedAt).ToList();
        var next = skip + pageSize < sorted.Count ? Token(null, skip + pageSize) : null;
        return new IncidentPage([.. sorted.Skip(skip).Take(pageSize)], next);
    }

    /// <summary>Whether the index row's incident holds every word of <paramref name="text"/>, in its customer, order, description or timeline.</summary>
    private async Task<bool> MatchesAsync(TableEntity row, string text, CancellationToken cancellationToken)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        List<string?> haystack = [row.GetString("CustomerName"), row.GetString("CustomerEmail"), row.GetString("OrderNumber")];
        bool All() => words.All(w => haystack.Any(h => h is not null && h.Contains(w, StringComparison.OrdinalIgnoreCase)));
        if (All())
        {
            return true;
        }

        // One query reads the incident and its timeline (the email log rows carry no text).
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {row.GetString("IncidentId")}");
        await foreach (var e in incidents.QueryAsync<TableEntity>(filter, select: ["Description", "Text"], cancellationToken: cancellationToken))
        {
            haystack.Add(e.GetString("Description"));
            haystack.Add(e.GetString("Text"));
        }

        return All();
    }

    // A continuation token: the index's own token and how many rows of that index page were already
    // shown (search and the silence order stop inside a page), as base64url so it travels in a query string.
    private static string Token(string? indexToken, int skip) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{indexToken}\n{skip}")));

    private static (string? IndexToken, int Skip) ReadToken(string? token)
    {
        if (token is null)
        {
            return (null, 0);
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        var cut = text.LastIndexOf('\n');
        if (cut < 0 || !int.TryParse(text.AsSpan(cut + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var skip))
        {
            return (text, 0); // a token from before search: the index's own
        }

        return (cut == 0 ? null : text[..cut], skip);
    }

    /// <summary>Whether <paramref name="token"/> is a continuation token this store could have made.</summary>
    public static bool IsContinuationToken(string token)
    {
        try
        {
            _ = Base64Url.DecodeFromChars(token);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string IndexFilter(IncidentQuery query)
    {
        List<string> clauses = [];
        if (query.OrderNumber is { } order)
        {
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {OrderPartition(order)}"));
            if (query.CustomerEmail is { } email)
            {
                clauses.Add(TableClient.CreateQueryFilter($"CustomerEmailKey eq {email.Trim().ToLowerInvariant()}"));
            }
        }
        else if (query.CustomerEmail is { } email)
        {
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {CustomerPartition(email)}"));
        }
        else
        {
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {AllPartition}"));
        }

        if (query.Status is { } status)
        {
            // Row keys start with the status rank, then the creation time: a status and a date range are one key range.
            var from = query.From?.UtcTicks ?? 0;
            var to = query.To?.UtcTicks ?? DateTimeOffset.MaxValue.UtcTicks;
            clauses.Add(TableClient.CreateQueryFilter(
                $"RowKey ge {StatusKey(status, from)} and RowKey lt {StatusKey(status, to)}"));
        }
        else
        {
            if (query.From is { } from)
            {
                clauses.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
            }

            if (query.To is { } to)
            {
                clauses.Add(TableClient.CreateQueryFilter($"CreatedAt lt {to}"));
            }
        }

        if (query.Category is { } category)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Category eq {category.ToString()}"));
        }

        if (query.Responsibility is { } responsibility)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Responsibility eq {responsibility.ToString()}"));
        }

        if (query.Sku is { } sku)
        {
            clauses.Add(TableClient.CreateQueryFilter($"SkuKey eq {SkuKey(sku)}"));
        }

        if (query.NeedsAttention is { } attention)
        {
            clauses.Add(TableClient.CreateQueryFilter($"NeedsAttention eq {attention}"));
        }

        if (query.LastContactBefore is { } before)
        {
            clauses.Add(TableClient.CreateQueryFilter($"LastCustomerContactAt lt {before}"));
        }

        if (query.AssigneeId is { } assignee)
        {
            clauses.Add(TableClient.CreateQueryFilter($"AssigneeId eq {assignee}"));
        }

        return string.Join(" and ", clauses);
    }

    /// <summary>
    /// Writes the queue rows of <paramref name="incident"/>, then checks the stored incident and
    /// repeats until the rows match it: index rows live in other partitions than the incident, so
    /// they cannot share its transaction, and the last writer to finish leaves the truth behind.
    /// </summary>
    /// <param name="incident">The incident as just written.</param>
    /// <param name="statusChanged">
    /// Whether rows under another status may exist (a status change, or a retry that cannot know);
    /// only then are they looked for and deleted.
    /// </param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task ReindexAsync(Incident incident, bool statusChanged = true, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await IndexAsync(incident, statusChanged, cancellationToken);
            if (await FindAsync(incident.Id, cancellationToken) is not { Value: var stored } || IndexedAlike(stored, incident))
            {
                return;
            }

            incident = stored;
            statusChanged = true;
        }
    }

    /// <summary>
    /// The incidents filed under <paramref name="email"/> in the queue index, in any status: how an
    /// erasure finds a customer's incidents. The index rows go last when an incident is erased, so
    /// this still finds an incident whose erasure was cut short.
    /// </summary>
    public async Task<IReadOnlyList<IndexedIncident>> ForCustomerAsync(string email, CancellationToken cancellationToken = default)
    {
        Dictionary<string, IndexedIncident> found = new(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CustomerPartition(email)}");
        await foreach (var row in index.QueryAsync<TableEntity>(filter, select: ["IncidentId", "OrderNumber", "CreatedAt"], cancellationToken: cancellationToken))
        {
            var id = row.GetString("IncidentId");
            found.TryAdd(id, new IndexedIncident(id, row.GetString("OrderNumber"), row.GetDateTimeOffset("CreatedAt")!.Value));
        }

        return [.. found.Values];
    }

    /// <summary>
    /// Deletes every row of the incident's partition (the incident, its timeline, its email log).
    /// Rows already gone are not counted, so a repeated erasure counts nothing twice.
    /// </summary>
    public async Task<ErasedRows> DeletePartitionAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        int incidentRows = 0, timeline = 0, emailLog = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {incidentId}");
        List<string> rowKeys = [];
        await foreach (var row in incidents.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            rowKeys.Add(row.RowKey);
        }

        foreach (var rowKey in rowKeys)
        {
            var response = await incidents.DeleteEntityAsync(incidentId, rowKey, ETag.All, cancellationToken);
            if (response.Status == (int)HttpStatusCode.NotFound)
            {
                continue;
            }

            if (rowKey == IncidentRow)
            {
                incidentRows++;
            }
            else if (rowKey.StartsWith(TimelinePrefix, StringComparison.Ordinal))
            {
                timeline++;
            }
            else
            {
                emailLog++;
            }
        }

        return new ErasedRows(incidentRows, timeline, emailLog);
    }

    /// <summary>
    /// Deletes the queue rows of <paramref name="incident"/> in every partition (all, its order, its
    /// customer) and under every status; returns how many there were.
    /// </summary>
    public async Task<int> DeleteIndexAsync(IndexedIncident incident, string email, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        foreach (var partition in new[] { AllPartition, OrderPartition(incident.OrderNumber), CustomerPartition(email) })
        {
            foreach (var status in Enum.GetValues<IncidentStatus>())
            {
                var response = await index.DeleteEntityAsync(partition, IndexRow(status, incident.CreatedAt, incident.Id), ETag.All, cancellationToken);
                if (response.Status != (int)HttpStatusCode.NotFound)
                {
                    deleted++;
                }
            }
        }

        return deleted;
    }

    private static bool IndexedAlike(Incident a, Incident b) =>
        a.Status == b.Status && a.Category == b.Category && a.Responsibility == b.Responsibility &&
        a.NeedsAttention == b.NeedsAttention && a.LastCustomerContactAt == b.LastCustomerContactAt && a.Sku == b.Sku &&
        a.Assignee == b.Assignee && AttentionKinds(a) == AttentionKinds(b);

    private static string SkuKey(string sku) => sku.Trim().ToUpperInvariant();

    private static string? AttentionKinds(Incident incident) =>
        incident.Attention is { Count: > 0 } reasons ? string.Join(',', reasons.Select(r => r.Kind)) : null;

    private async Task IndexAsync(Incident incident, bool deleteOtherStatuses, CancellationToken cancellationToken)
    {
        string[] partitions = [AllPartition, OrderPartition(incident.OrderNumber), CustomerPartition(incident.Customer.Email)];

        // Three partitions, so three requests that cannot share a transaction; independent, so sent at once.
        await Task.WhenAll(partitions.Select(IndexOneAsync));

        async Task IndexOneAsync(string partition)
        {
            var entity = new TableEntity(partition, IndexRow(incident.Status, incident.CreatedAt, incident.Id))
            {
                ["IncidentId"] = incident.Id,
                ["Status"] = incident.Status.ToString(),
                ["Category"] = incident.Category.ToString(),
                ["Responsibility"] = incident.Responsibility.ToString(),
                ["CreatedAt"] = incident.CreatedAt,
                ["OrderNumber"] = incident.OrderNumber,
                ["CustomerName"] = incident.Customer.Name,
                ["CustomerEmail"] = incident.Customer.Email,
                ["CustomerEmailKey"] = incident.Customer.Email.Trim().ToLowerInvariant(),
                ["NeedsAttention"] = incident.NeedsAttention,
                ["LastCustomerContactAt"] = incident.LastCustomerContactAt,
                ["Sku"] = incident.Sku,
                ["SkuKey"] = incident.Sku is null ? null : SkuKey(incident.Sku),
                ["AssigneeId"] = incident.Assignee?.Id,
                ["AssigneeName"] = incident.Assignee?.Name,
                ["Attention"] = AttentionKinds(incident),
            };
            await index.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            foreach (var other in Enum.GetValues<IncidentStatus>().Where(s => deleteOtherStatuses && s != incident.Status))
            {
                await index.DeleteEntityAsync(partition, IndexRow(other, incident.CreatedAt, incident.Id), ETag.All, cancellationToken);
            }
        }
    }

    private static string IndexRow(IncidentStatus status, DateTimeOffset createdAt, string id) =>
        StatusKey(status, createdAt.UtcTicks) + "|" + id;

    private static string StatusKey(IncidentStatus status, long ticks) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)status}|{ticks:D19}");

    // Order numbers and emails may hold characters keys forbid ('#', '/'): base64url keeps them exact and legal.
    private static string OrderPartition(string orderNumber) =>
        "order|" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(orderNumber.Trim().ToUpperInvariant()));

    private static string CustomerPartition(string email) =>
        "customer|" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant()));

    private static TableEntity ToEntity(Incident incident) => new(incident.Id, IncidentRow)
    {
        ["CustomerEmail"] = incident.Customer.Email,
        ["CustomerName"] = incident.Customer.Name,
        ["Language"] = incident.Customer.Language,
        ["OrderNumber"] = incident.OrderNumber,
        ["Description"] = incident.Description,
        ["Sku"] = incident.Sku,
        ["Status"] = incident.Status.ToString(),
        ["Category"] = incident.Category.ToString(),
        ["Responsibility"] = incident.Responsibility.ToString(),
        ["CreatedAt"] = incident.CreatedAt,
        ["LastCustomerContactAt"] = incident.LastCustomerContactAt,
        ["NeedsAttention"] = incident.NeedsAttention,
        ["Resolution"] = incident.Resolution is null ? null : JsonSerializer.Serialize(incident.Resolution, Json),
        ["ResolvedAt"] = incident.ResolvedAt,
        ["ClosedAt"] = incident.ClosedAt,
        ["DiscountCode"] = incident.DiscountCode,
        ["ChosenCompensation"] = incident.ChosenCompensation is null ? null : JsonSerializer.Serialize(incident.ChosenCompensation, Json),
        ["Return"] = incident.Return is null ? null : JsonSerializer.Serialize(incident.Return, Json),
        ["AssigneeId"] = incident.Assignee?.Id,
        ["AssigneeName"] = incident.Assignee?.Name,
        ["Attention"] = incident.Attention is { Count: > 0 } attention ? JsonSerializer.Serialize(attention, Json) : null,
        ["Round"] = incident.Round,
        ["FollowUpOf"] = incident.FollowUpOf,
        ["FollowUp"] = incident.FollowUp,
        ["Order"] = incident.Order is null ? null : JsonSerializer.Serialize(incident.Order, Json),
    };

    private static Incident ToIncident(TableEntity e) => new(
        e.PartitionKey,
        new Customer(e.GetString("CustomerEmail"), e.GetString("CustomerName"), e.GetString("Language")),
        e.GetString("OrderNumber"),
        e.GetString("Description"),
        e.GetString("Sku"),
        Enum.Parse<IncidentStatus>(e.GetString("Status")),
        Enum.Parse<IncidentCategory>(e.GetString("Category")),
        Enum.Parse<Responsibility>(e.GetString("Responsibility")),
        e.GetDateTimeOffset("CreatedAt")!.Value,
        e.GetDateTimeOffset("LastCustomerContactAt")!.Value,
        e.GetBoolean("NeedsAttention") ?? false,
        e.GetString("Resolution") is { } resolution ? JsonSerializer.Deserialize<Resolution>(resolution, Json) : null,
        e.GetDateTimeOffset("ResolvedAt"),
        e.GetDateTimeOffset("ClosedAt"),
        e.GetString("DiscountCode"),
        e.GetString("ChosenCompensation") is { } chosen ? JsonSerializer.Deserialize<CompensationChoice>(chosen, Json) : null,
        e.GetString("Return") is { } parcel ? JsonSerializer.Deserialize<Returns.ParcelReturn>(parcel, Json) : null,
        e.GetString("AssigneeId") is { } assigneeId ? new Assignee(assigneeId, e.GetString("AssigneeName") ?? assigneeId) : null,
        e.GetString("Attention") is { } attention ? JsonSerializer.Deserialize<List<AttentionReason>>(attention, Json) : null,
        e.GetInt32("Round") ?? 0,
        e.GetString("FollowUpOf"),
        e.GetString("FollowUp"),
        e.GetString("Order") is { } order ? JsonSerializer.Deserialize<Orders.IncidentOrder>(order, Json) : null);

    private static TableEntity ToEntity(string incidentId, TimelineEntry entry) => new(incidentId, TimelinePrefix + entry.Id)
    {
        ["Kind"] = entry.Kind.ToString(),
        ["At"] = entry.At,
        ["Text"] = entry.Text,
        ["Author"] = entry.Author,
        ["CustomerFacing"] = entry.CustomerFacing,
        ["Delivered"] = entry.Delivered,
    };

    private static TimelineEntry ToEntry(TableEntity e) => new(
        e.RowKey[TimelinePrefix.Length..],
        Enum.Parse<TimelineEntryKind>(e.GetString("Kind")),
        e.GetDateTimeOffset("At")!.Value,
        e.GetString("Text"),
        e.GetString("Author"),
        e.GetBoolean("CustomerFacing") ?? false,
        e.GetBoolean("Delivered") ?? false);

    private static IncidentSummary ToSummary(TableEntity e) => new(
        e.GetString("IncidentId"),
        Enum.Parse<IncidentStatus>(e.GetString("Status")),
        Enum.Parse<IncidentCategory>(e.GetString("Category")),
        Enum.Parse<Responsibility>(e.GetString("Responsibility")),
        e.GetDateTimeOffset("CreatedAt")!.Value,
        e.GetString("OrderNumber"),
        e.GetString("CustomerName"),
        e.GetString("CustomerEmail"),
        e.GetBoolean("NeedsAttention") ?? false,
        e.GetDateTimeOffset("LastCustomerContactAt") ?? e.GetDateTimeOffset("CreatedAt")!.Value,
        Sku: e.GetString("Sku"),
        AssigneeId: e.GetString("AssigneeId"),
        AssigneeName: e.GetString("AssigneeName"),
        Attention: e.GetString("Attention") is { Length: > 0 } kinds ? [.. kinds.Split(',').Select(Enum.Parse<AttentionKind>)] : null);
}

/// <summary>An incident as the queue index knows it: enough to find and delete its rows.</summary>
/// <param name="Id">The incident id.</param>
/// <param name="OrderNumber">Its order number (a partition of the index).</param>
/// <param name="CreatedAt">When it was reported (part of its index row keys).</param>
public sealed record IndexedIncident(string Id, string OrderNumber, DateTimeOffset CreatedAt);

/// <summary>The rows an incident's partition held, by kind.</summary>
/// <param name="Incidents">The incident row (0 or 1).</param>
/// <param name="TimelineEntries">Timeline entries.</param>
/// <param name="EmailLog">Email log rows.</param>
public sealed record ErasedRows(int Incidents, int TimelineEntries, int EmailLog);
