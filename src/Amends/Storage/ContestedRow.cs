using System.Net;
using Azure;
using Azure.Data.Tables;

namespace Amends.Storage;

/// <summary>
/// Rows that many writers move at once (report aggregates, the satisfaction partition): read, change,
/// write guarded by the row's ETag (or as a new row), and on a lost race wait a little, growing, and
/// read again. The one retry policy for optimistic writes: callers pass their read-change-write as a
/// whole, never loop themselves.
/// </summary>
internal static class ContestedRow
{
    /// <summary>
    /// Applies <paramref name="change"/> to the row (null when it does not exist yet); a change that
    /// returns null leaves the row as it is.
    /// </summary>
    public static Task ChangeAsync(
        this TableClient table, string partition, string rowKey, Func<TableEntity?, TableEntity?> change, int attempts, CancellationToken cancellationToken) =>
        RetryAsync(attempts, async () =>
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
            var existing = current.HasValue ? current.Value : null;
            if (change(existing) is not { } next)
            {
                return false;
            }

            if (existing is null)
            {
                await table.AddEntityAsync(next, cancellationToken);
            }
            else
            {
                await table.UpdateEntityAsync(next, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="readChangeWrite"/> until it does not lose a race to another writer (409 or 412,
    /// from a single write or a transaction), at most <paramref name="attempts"/> times; the last lost
    /// race, and any other failure, is thrown to the caller.
    /// </summary>
    public static async Task<T> RetryAsync<T>(int attempts, Func<Task<T>> readChangeWrite, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await readChangeWrite();
            }
            catch (RequestFailedException e) when (attempt < attempts && IsLostRace(e.Status))
            {
                // Another writer changed a row between our read and write: read it again.
                await BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    /// <summary>Whether <paramref name="status"/> means another writer got there first.</summary>
    public static bool IsLostRace(int status) => status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed;

    /// <summary>A short random wait before attempt <paramref name="attempt"/> + 1, longer as the race goes on.</summary>
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(5, Math.Min(20 * attempt, 250)), cancellationToken);
}
