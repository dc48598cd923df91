namespace Amends.Bench;

/// <summary>A set of measured durations, summarized as percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<TimeSpan> samples = [];

    public void Add(TimeSpan sample)
    {
        lock (samples)
        {
            samples.Add(sample);
        }
    }

    public int Count
    {
        get
        {
            lock (samples)
            {
                return samples.Count;
            }
        }
    }

    public TimeSpan Percentile(double p)
    {
        List<TimeSpan> sorted;
        lock (samples)
        {
            sorted = [.. samples.Order()];
        }

        if (sorted.Count == 0)
        {
            return TimeSpan.Zero;
        }

        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public override string ToString() =>
        $"p50 {Percentile(50).TotalMilliseconds:F0} ms, p95 {Percentile(95).TotalMilliseconds:F0} ms, max {Percentile(100).TotalMilliseconds:F0} ms (n={samples.Count})";
}
