using System.Net;
using System.Net.Http.Headers;
using Amends.Inbound;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Inbound;

/// <summary>
/// Inbound posts are taken a bounded number at a time: one more is answered 503 problem+json with
/// Retry-After before its body is read (SendGrid delivers it again later), and is taken once a place is free.
/// </summary>
public sealed class InboundCapacityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await AmendsApiHost.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["Amends:Inbound:MaxConcurrentPosts"] = "1",
        ["Amends:Inbound:AdmissionWait"] = "00:00:00",
    });

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Post_beyond_capacity_is_503_with_retry_after_and_taken_when_sent_again()
    {
        var first = SendGridPosts.Parsed(SendGridPosts.Sample("italian-broken-part-with-photo.eml"));
        var second = SendGridPosts.Parsed(HostileMail.ManyPhotos(3));
        using var slow = new SlowContent(first);
        var sending = host.Http.PostAsync($"/api/v1/inbound/sendgrid?key={AmendsApiHost.Secret}", slow, Cancellation);
        await slow.Started.WaitAsync(Cancellation);
        var capacity = host.Services.GetRequiredService<InboundCapacity>();
        await Poll.UntilTrueAsync(() => Task.FromResult(capacity.Free == 0), "the first post to take the only place");

        using (var refused = await host.PostAsync(second))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        slow.Finish();
        using (var taken = await sending)
        {
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        }

        var retried = await host.DeliverAsync(second);
        Assert.Equal((InboundOutcomeKind.NewIncident, false), (retried.Kind, retried.Duplicate));
    }

    /// <summary>A body that sends its first bytes, then waits: the post holds its place meanwhile.</summary>
    private sealed class SlowContent : HttpContent
    {
        private readonly InboundPost post;
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SlowContent(InboundPost post)
        {
            this.post = post;
            Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
        }

        public Task Started => started.Task;

        public void Finish() => finish.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(post.Body.AsMemory(0, 100));
            await stream.FlushAsync();
            started.TrySetResult();
            await finish.Task;
            await stream.WriteAsync(post.Body.AsMemory(100));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
