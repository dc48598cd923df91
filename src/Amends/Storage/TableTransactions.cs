using Azure;
using Azure.Data.Tables;

namespace Amends.Storage;

/// <summary>
/// Every table transaction goes through here, so none can exceed what Table Storage takes in one: 100
/// actions on one partition. A larger one would fail as a whole at the service, after the caller had
/// perhaps done other work, whatever the input that made it.
/// </summary>
public static class TableTransactions
{
    /// <summary>The most actions Table Storage takes in one transaction.</summary>
    public const int MaxActions = 100;

    /// <summary>Submits <paramref name="actions"/> as one transaction; refuses, before sending, more than <see cref="MaxActions"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxActions"/> actions: a caller must split its work.</exception>
    public static Task<Response<IReadOnlyList<Response>>> SubmitAsync(
        this TableClient table, IReadOnlyCollection<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(actions.Count, MaxActions, nameof(actions));
        return table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="entities"/> (all in one partition) as upserts, in transactions of at most
    /// <see cref="MaxActions"/>: each batch is idempotent, so a retry after a failure part-way rewrites the same rows.
    /// </summary>
    public static async Task UpsertInBatchesAsync(this TableClient table, IEnumerable<ITableEntity> entities, CancellationToken cancellationToken = default)
    {
        foreach (var batch in entities.Chunk(MaxActions))
        {
            await table.SubmitAsync([.. batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e))], cancellationToken);
        }
    }
}
