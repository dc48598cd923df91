using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Amends.Server;

/// <summary>
/// Keeps the engine from reading a new instance's status row while this process is still writing it.
/// The provider starts an instance by queueing its ExecutionStarted message and only then inserting its
/// Instances row, and it wakes its own control-queue poller when the message is queued. The worker then
/// often checks the row (its de-duplication of starts) before the insert has landed, finds none, and puts
/// the message back for 2 s: the slowest few per cent of acknowledgements measured at 4 concurrent
/// (docs/performance.md). Held here until the start has finished, that check finds the row, and the
/// de-duplication keeps working as designed (the check is still made, on the written row).
/// </summary>
internal sealed partial class StartsInFlight : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> starting = new(StringComparer.Ordinal);
    private readonly AsyncLocal<string?> startingHere = new();
    private readonly string instancesTable;
    private readonly TimeSpan maxHold;

    /// <param name="taskHubName">The task hub, whose Instances table the provider reads.</param>
    /// <param name="maxHold">The longest hold: a start that hangs (storage away) must not hold the engine's reads for long.</param>
    public StartsInFlight(string taskHubName, TimeSpan? maxHold = null)
    {
        instancesTable = "/" + taskHubName + "Instances";
        this.maxHold = maxHold ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>Runs <paramref name="start"/>, the start of <paramref name="instanceId"/>, holding the engine's reads of its row meanwhile.</summary>
    public async Task<T> StartAsync<T>(string instanceId, Func<Task<T>> start)
    {
        TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = starting.TryAdd(instanceId, done);
        startingHere.Value = instanceId;
        try
        {
            return await start();
        }
        finally
        {
            if (mine)
            {
                starting.TryRemove(instanceId, out _);
                done.SetResult();
            }
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Held(message) is { } start)
        {
            try
            {
                await start.WaitAsync(maxHold);
            }
            catch (TimeoutException)
            {
                // Read as without the hold: at worst the provider defers the start message, as it would have.
            }
        }

        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        // The provider reads asynchronously; a synchronous read passes unheld.
        ProcessNext(message, pipeline);
    }

    /// <summary>The start to wait for: a read of the Instances row of an instance another flow is starting.</summary>
    private Task? Held(HttpMessage message)
    {
        if (starting.IsEmpty || message.Request.Method != RequestMethod.Get)
        {
            return null;
        }

        var uri = message.Request.Uri;
        if (!uri.Path.Contains(instancesTable, StringComparison.OrdinalIgnoreCase)
            || PartitionKey().Match(Uri.UnescapeDataString(uri.Query)) is not { Success: true } key)
        {
            return null;
        }

        var instanceId = key.Groups["id"].Value;
        return instanceId != startingHere.Value && starting.TryGetValue(instanceId, out var start) ? start.Task : null;
    }

    [GeneratedRegex(@"PartitionKey eq '(?<id>[^']+)'")]
    private static partial Regex PartitionKey();
}
