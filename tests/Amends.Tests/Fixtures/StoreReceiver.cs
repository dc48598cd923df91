using System.Collections.Concurrent;
using System.Net;
using Amends.StoreBackend;

namespace Amends.Tests.Fixtures;

/// <summary>
/// A stand-in for the store's back end on a loopback port: records each post, checks its signature
/// with <c>secret</c>, and fails the first <c>failFirst</c> posts with a 500.
/// </summary>
internal sealed class StoreReceiver(string secret, int failFirst) : LoopbackReceiver("amends", failFirst)
{
    /// <summary>Every post received, in order.</summary>
    public ConcurrentQueue<ReceivedPost> Received { get; } = new();

    public static StoreReceiver Start(string secret, int failFirst) => new(secret, failFirst);

    protected override void Record(HttpListenerRequest request, byte[] body)
    {
        var signature = request.Headers[StoreBackendWebhook.SignatureHeader];
        Received.Enqueue(new ReceivedPost(body, signature, request.Headers[StoreBackendWebhook.TimestampHeader], StoreBackendWebhook.Verify(secret, body, signature)));
    }
}

/// <summary>One post the store's stand-in received.</summary>
/// <param name="Body">The raw body.</param>
/// <param name="Signature">The signature header.</param>
/// <param name="Timestamp">The timestamp header.</param>
/// <param name="SignatureValid">Whether the signature checked out with the shared secret.</param>
internal sealed record ReceivedPost(byte[] Body, string? Signature, string? Timestamp, bool SignatureValid);
