using System.Net;
using Amends.Testing;

namespace Amends.Tests.Fixtures;

/// <summary>
/// An HTTP endpoint on a loopback port that stands in for someone Amends posts to (the store's back end, a
/// chat webhook): hands each post's body to <see cref="Record"/> and answers the first <c>failFirst</c> posts
/// with a 500, the rest with a 200.
/// </summary>
internal abstract class LoopbackReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private int failuresLeft;

    protected LoopbackReceiver(string path, int failFirst)
    {
        failuresLeft = failFirst;
        Url = $"http://127.0.0.1:{FreePorts.Next()}/{path}/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>Where to post.</summary>
    public string Url { get; }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }

    /// <summary>Keeps what the test needs of one post, failed ones too.</summary>
    protected abstract void Record(HttpListenerRequest request, byte[] body);

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
            Record(context.Request, buffer.ToArray());
            context.Response.StatusCode = Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : 200;
            context.Response.Close();
        }
    }
}
