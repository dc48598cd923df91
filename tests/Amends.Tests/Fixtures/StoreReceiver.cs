using System.Collections.Concurrent;
using System.Net;
using Amends.StoreBackend;
using Amends.Testing;

namespace Amends.Tests.Fixtures;

/// <summary>
/// A stand-in for the store's back end on a loopback port: records each post, checks its signature
/// with <c>secret</c>, and fails the first <c>failFirst</c> posts with a 500.
/// </summary>
internal sealed class StoreReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private readonly string secret;
    private int failuresLeft;

    private StoreReceiver(string secret, int failFirst)
    {
        this.secret = secret;
        failuresLeft = failFirst;
        Url = $"http://127.0.0.1:{FreePorts.Next()}/amends/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>Where the webhook posts.</summary>
    public string Url { get; }

    /// <summary>Every post received, in order.</summary>
    public ConcurrentQueue<ReceivedPost> Received { get; } = new();

    public static StoreReceiver Start(string secret, int failFirst) => new(secret, failFirst);

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var signature = context.Request.Headers[StoreBackendWebhook.SignatureHeader];
            Received.Enqueue(new ReceivedPost(body, signature, context.Request.Headers[StoreBackendWebhook.TimestampHeader], StoreBackendWebhook.Verify(secret, body, signature)));
            context.Response.StatusCode = Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : 200;
            context.Response.Close();
        }
    }
}

/// <summary>One post the store's stand-in received.</summary>
/// <param name="Body">The raw body.</param>
/// <param name="Signature">The signature header.</param>
/// <param name="Timestamp">The timestamp header.</param>
/// <param name="SignatureValid">Whether the signature checked out with the shared secret.</param>
internal sealed record ReceivedPost(byte[] Body, string? Signature, string? Timestamp, bool SignatureValid);
