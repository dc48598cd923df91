using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Amends.Testing;

namespace Amends.Tests.Fixtures;

/// <summary>
/// A stand-in for a Slack or Teams incoming webhook on a loopback port: records each post's JSON and answers
/// the first <c>failFirst</c> posts with a 500.
/// </summary>
internal sealed class ChatReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private int failuresLeft;

    private ChatReceiver(int failFirst)
    {
        failuresLeft = failFirst;
        Url = $"http://127.0.0.1:{FreePorts.Next()}/chat/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>The webhook URL.</summary>
    public string Url { get; }

    /// <summary>Every post received, in order, failed ones too.</summary>
    public ConcurrentQueue<JsonElement> Posts { get; } = new();

    /// <summary>The <c>text</c> of every post received.</summary>
    public IReadOnlyList<string> Texts => [.. Posts.Select(p => p.GetProperty("text").GetString() ?? "")];

    public static ChatReceiver Start(int failFirst = 0) => new(failFirst);

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

            using var json = await JsonDocument.ParseAsync(context.Request.InputStream);
            Posts.Enqueue(json.RootElement.Clone());
            context.Response.StatusCode = Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : 200;
            context.Response.Close();
        }
    }
}
