using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Amends.ReportProblem;

/// <summary>
/// How many reports one client address and one email address may send in a window. Counted in this
/// process's memory: each instance counts its own, and a restart forgets — enough to stop a script
/// flooding the form, not an exact quota across a scaled-out app.
/// </summary>
public sealed class ReportLimits(IOptions<ReportPageOptions> options, TimeProvider clock)
{
    // Beyond this many keys, windows that have ended are dropped so memory stays bounded.
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    /// <summary>Counts a report from <paramref name="address"/>; how long to wait when it is over the limit, else null.</summary>
    public TimeSpan? TakeForAddress(string address) => Take("address:" + address, options.Value.PerAddressLimit);

    /// <summary>Counts a report for <paramref name="email"/>; how long to wait when it is over the limit, else null.</summary>
    public TimeSpan? TakeForEmail(string email) => Take("email:" + email.Trim().ToLowerInvariant(), options.Value.PerEmailLimit);

    private TimeSpan? Take(string key, int limit)
    {
        var now = clock.GetUtcNow();
        var length = options.Value.LimitWindow;
        if (windows.Count > SweepAbove)
        {
            foreach (var (old, window) in windows)
            {
                if (window.Start + length <= now)
                {
                    windows.TryRemove(old, out _);
                }
            }
        }

        var taken = windows.AddOrUpdate(
            key,
            _ => new Window(now, 1),
            (_, window) => window.Start + length <= now ? new Window(now, 1) : window with { Count = window.Count + 1 });
        return taken.Count <= limit ? null : taken.Start + length - now;
    }

    private sealed record Window(DateTimeOffset Start, int Count);
}
