using System.Globalization;
using System.Net;
using System.Text.Json;
using Amends.Incidents;
using Amends.Reports;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;

namespace Amends.Ledger;

/// <summary>
/// The cost ledger in Table Storage: one partition per incident, one row per cost kind
/// (<c>line|{kind}</c>), so writing the same line again changes nothing and one incident's lines are
/// one range query. Every change also updates the precomputed <see cref="CostReports"/>: the lines and
/// a <c>pending</c> row holding the report changes are written in one entity-group transaction, then
/// the reports are updated and the pending row removed. A writer that finds a pending row waits for it
/// to go, and finishes it itself when its writer has been gone for 30 seconds, so a crash in between
/// loses no report change. (A writer that stalls for longer than that between writing and applying
/// could see its changes applied twice: the one window left.)
/// </summary>
public sealed class CostLedger(StorageAccount account, CostReports reports)
{
    internal const string TableName = "CostLedger";
    private const string LinePrefix = "line|";
    private const string PendingRow = "pending";
    private const int Attempts = 400;

    /// <summary>How long a writer may take to apply its pending report changes before another writer takes over.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);
    private readonly TableClient table = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Records <paramref name="lines"/> of one incident: a new kind adds a line, a changed line replaces
    /// it (the reports move by the difference), a line of amount 0 removes its kind, and an unchanged
    /// line (whatever its date) does nothing, so recording the same lines twice writes them once.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<CostLine> lines, CancellationToken cancellationToken = default)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var incidentId = lines[0].IncidentId;
        if (lines.Any(l => l.IncidentId != incidentId) || lines.DistinctBy(l => l.Kind).Count() != lines.Count)
        {
            throw new ArgumentException("Record the lines of one incident, one per kind.", nameof(lines));
        }

        for (var attempt = 1; ; attempt++)
        {
            var rows = await RowsAsync(incidentId, cancellationToken);
            if (rows.FirstOrDefault(r => r.RowKey == PendingRow) is { } pending)
            {
                if (attempt >= Attempts)
                {
                    throw new TimeoutException($"The cost ledger of {incidentId} stayed busy; retry.");
                }

                await RescueOrWaitAsync(pending, cancellationToken);
                continue;
            }

            var existing = rows.ToDictionary(r => r.RowKey, r => r);
            var before = rows.Select(FromEntity).ToList();
            var after = before.ToDictionary(l => l.Kind);
            List<TableTransactionAction> actions = [];
            foreach (var given in lines)
            {
                var line = given with { Amount = decimal.Round(given.Amount, 2) };
                if (existing.TryGetValue(LinePrefix + line.Kind, out var old))
                {
                    var stored = FromEntity(old);
                    if (line.Amount <= 0)
                    {
                        actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, old, old.ETag));
                        after.Remove(line.Kind);
                    }
                    else if (stored != line with { Date = stored.Date })
                    {
                        // A corrected line keeps the date its cost first arose.
                        actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(line with { Date = stored.Date }), old.ETag));
                        after[line.Kind] = line with { Date = stored.Date };
                    }
                }
                else if (line.Amount > 0)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(line)));
                    after[line.Kind] = line;
                }
            }

            if (actions.Count == 0)
            {
                return;
            }

            var changes = ReportChange.Between(before, [.. after.Values]);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(incidentId, PendingRow)
            {
                ["Changes"] = JsonSerializer.Serialize(changes),
            }));

            Response<IReadOnlyList<Response>> written;
            try
            {
                written = await table.SubmitAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (attempt < Attempts && e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
            {
                continue; // another writer got there first: read again
            }

            await FinishAsync(incidentId, changes, written.Value[^1].Headers.ETag ?? ETag.All, cancellationToken);
            return;
        }
    }

    /// <summary>The lines of <paramref name="incidentId"/>, in kind order.</summary>
    public async Task<IReadOnlyList<CostLine>> ForIncidentAsync(string incidentId, CancellationToken cancellationToken = default) =>
        [.. (await RowsAsync(incidentId, cancellationToken)).Where(r => r.RowKey != PendingRow).Select(FromEntity).OrderBy(l => l.Kind)];

    private async Task<List<TableEntity>> RowsAsync(string incidentId, CancellationToken cancellationToken)
    {
        List<TableEntity> rows = [];
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == incidentId, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Another writer's report changes are pending: only that writer applies them (so they count once),
    /// unless it has been gone for <see cref="StaleAfter"/>; then this writer claims the row (If-Match,
    /// so only one rescuer wins) and applies them.
    /// </summary>
    private async Task RescueOrWaitAsync(TableEntity pending, CancellationToken cancellationToken)
    {
        if (pending.Timestamp is not { } written || DateTimeOffset.UtcNow - written < StaleAfter)
        {
            await Task.Delay(Random.Shared.Next(20, 120), cancellationToken);
            return;
        }

        Response claimed;
        try
        {
            claimed = await table.UpdateEntityAsync(pending, pending.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            return; // finished or claimed by someone else
        }

        var changes = JsonSerializer.Deserialize<List<ReportChange>>(pending.GetString("Changes")) ?? [];
        await FinishAsync(pending.PartitionKey, changes, claimed.Headers.ETag ?? pending.ETag, cancellationToken);
    }

    private async Task FinishAsync(string incidentId, IReadOnlyList<ReportChange> changes, ETag pending, CancellationToken cancellationToken)
    {
        await reports.ApplyAsync(changes, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(incidentId, PendingRow, pending, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            // Rescued by another writer after we took too long; it applied them too (see StaleAfter).
        }
    }

    private static TableEntity ToEntity(CostLine line) => new(line.IncidentId, LinePrefix + line.Kind)
    {
        ["Kind"] = line.Kind.ToString(),
        ["Amount"] = decimal.Round(line.Amount, 2).ToString(CultureInfo.InvariantCulture),
        ["Sku"] = line.Sku,
        ["Category"] = line.Category.ToString(),
        ["Responsibility"] = line.Responsibility.ToString(),
        ["Carrier"] = line.Carrier,
        ["Date"] = line.Date,
    };

    private static CostLine FromEntity(TableEntity e) => new(
        e.PartitionKey,
        Enum.Parse<CostKind>(e.GetString("Kind")),
        decimal.Parse(e.GetString("Amount"), CultureInfo.InvariantCulture),
        e.GetString("Sku"),
        Enum.Parse<IncidentCategory>(e.GetString("Category")),
        Enum.Parse<Responsibility>(e.GetString("Responsibility")),
        e.GetString("Carrier"),
        e.GetDateTimeOffset("Date")!.Value);
}
