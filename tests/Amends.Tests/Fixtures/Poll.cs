namespace Amends.Tests.Fixtures;

/// <summary>Waits for something that happens asynchronously, checking often instead of sleeping long.</summary>
internal static class Poll
{
    /// <summary>The longest any test waits for one thing.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns the first non-null value of <paramref name="probe"/>; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string waitingFor, TimeSpan? timeout = null)
        where T : class
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout ?? DefaultTimeout} waiting for {waitingFor}.");
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }

    /// <summary>Returns the first non-null value of <paramref name="probe"/>; fails the test after <paramref name="timeout"/>.</summary>
    public static Task<T> UntilFoundAsync<T>(Func<T?> probe, string waitingFor, TimeSpan? timeout = null)
        where T : class =>
        UntilAsync(() => Task.FromResult(probe()), waitingFor, timeout);

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/>.</summary>
    public static Task UntilTrueAsync(Func<Task<bool>> condition, string waitingFor, TimeSpan? timeout = null) =>
        UntilAsync(async () => await condition() ? new object() : null, waitingFor, timeout);

    /// <summary>Waits until the wall clock reaches <paramref name="moment"/> (no longer).</summary>
    public static async Task UntilTimeAsync(DateTimeOffset moment)
    {
        var left = moment - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, TestContext.Current.CancellationToken);
        }
    }
}
