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

    public TimeSpan Percentile(double p)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public override string ToString() =>
        $"p50 {Percentile(50).TotalMilliseconds:F0} ms, p95 {Percentile(95).TotalMilliseconds:F0} ms, max {Percentile(100).TotalMilliseconds:F0} ms (n={samples.Count})";
}
