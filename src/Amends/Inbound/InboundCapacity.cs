using Microsoft.Extensions.Options;

namespace Amends.Inbound;

/// <summary>
/// How many inbound posts are taken at once, in either host: each may be 30 MB, buffered and parsed in
/// memory, so without a bound a burst of them is a way to exhaust the process. A post that finds no
/// free place within <see cref="InboundOptions.AdmissionWait"/> is answered 503 with Retry-After before
/// its body is read, and SendGrid delivers it again later (it retries whatever we answer 5xx).
/// </summary>
public sealed class InboundCapacity(IOptions<InboundOptions> options) : IDisposable
{
    private readonly SemaphoreSlim places = new(options.Value.MaxConcurrentPosts, options.Value.MaxConcurrentPosts);

    /// <summary>How many places are free now.</summary>
    public int Free => places.CurrentCount;

    /// <summary>A place for one post, to dispose when it is done, or null when every place stayed taken.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken = default) =>
        await places.WaitAsync(options.Value.AdmissionWait, cancellationToken) ? new Place(places) : null;

    /// <inheritdoc />
    public void Dispose() => places.Dispose();

    private sealed class Place(SemaphoreSlim places) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                places.Release();
            }
        }
    }
}
