using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Amends.Tests.Fixtures;

/// <summary>
/// A stand-in for a Slack or Teams incoming webhook on a loopback port: records each post's JSON and answers
/// the first <c>failFirst</c> posts with a 500.
/// </summary>
internal sealed class ChatReceiver(int failFirst) : LoopbackReceiver("chat", failFirst)
{
    /// <summary>Every post received, in order, failed ones too.</summary>
    public ConcurrentQueue<JsonElement> Posts { get; } = new();

    /// <summary>The <c>text</c> of every post received.</summary>
    public IReadOnlyList<string> Texts => [.. Posts.Select(p => p.GetProperty("text").GetString() ?? "")];

    public static ChatReceiver Start(int failFirst = 0) => new(failFirst);

    protected override void Record(HttpListenerRequest request, byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        Posts.Enqueue(json.RootElement.Clone());
    }
}
