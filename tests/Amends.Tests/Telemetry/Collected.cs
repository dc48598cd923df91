using System.Collections.ObjectModel;

namespace Amends.Tests.Telemetry;

/// <summary>What an in-memory exporter collected: it adds from the engine's threads while the test reads.</summary>
internal sealed class Collected<T> : Collection<T>
{
    private readonly Lock gate = new();

    /// <summary>A copy of what was collected so far.</summary>
    public IReadOnlyList<T> Snapshot()
    {
        lock (gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (gate)
        {
            base.InsertItem(index, item);
        }
    }
}
