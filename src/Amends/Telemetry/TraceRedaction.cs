using System.Diagnostics;
using OpenTelemetry;

namespace Amends.Telemetry;

/// <summary>
/// Cleans every span before export. Addresses carry customer data: a queue filter's query string may hold an
/// email address, a status link's path its secret token, a storage call's path an index key. So a request's
/// path becomes its route template, a storage or HTTP call keeps only its host and first path segment (the
/// storage account, table or container), and no query string is kept. Storage and HTTP calls that belong to
/// no request or step (the durable engine's queue polling, the sweep's reads) are dropped, so an idle server sends no spans;
/// so is the HTTP span under a storage call's own, which tells the same call again.
/// </summary>
public sealed class TraceRedaction : BaseProcessor<Activity>
{
    private const string HttpClientSource = "System.Net.Http";

    private static readonly string[] Paths = ["url.path", "http.target"];
    private static readonly string[] Urls = ["url.full", "http.url"];

    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        if (Unwanted(data))
        {
            // Not recorded: the exporters, whose processors run after this one, skip it.
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            return;
        }

        var route = data.GetTagItem("http.route") as string;
        foreach (var key in Paths)
        {
            if (data.GetTagItem(key) is string path)
            {
                data.SetTag(key, route ?? FirstSegment(path));
            }
        }

        foreach (var key in Urls)
        {
            if (data.GetTagItem(key) is string url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                data.SetTag(key, uri.GetLeftPart(UriPartial.Authority) + FirstSegment(uri.AbsolutePath));
            }
        }

        data.SetTag("url.query", null);
    }

    /// <summary>A call with no request or step above it in this process, or an HTTP span under a storage span.</summary>
    private static bool Unwanted(Activity span)
    {
        if (span.Source.Name == HttpClientSource && span.Parent is { } parent && IsStorage(parent))
        {
            return true;
        }

        var root = span;
        while (root.Parent is { } above)
        {
            root = above;
        }

        return root.ParentSpanId == default && (IsStorage(root) || root.Source.Name == HttpClientSource);
    }

    private static bool IsStorage(Activity span) => span.Source.Name.StartsWith("Azure.", StringComparison.Ordinal);

    /// <summary>The first segment of <paramref name="path"/>, e.g. <c>/incidents</c> of <c>/incidents(PartitionKey='…')</c>.</summary>
    private static string FirstSegment(string path)
    {
        var end = path.IndexOfAny(['/', '(', '?'], 1);
        return end < 0 ? path : path[..end];
    }
}
