using MimeKit;

namespace Amends.Inbound;

/// <summary>
/// One pass over a raw MIME message that builds nothing: it counts the entities and finds where the
/// one beyond the limit starts, so the message is then parsed only up to there. MimeKit's parser has a
/// depth limit but no part limit, and builds an object per part: a 30 MB post of empty parts would be
/// hundreds of thousands of them.
/// </summary>
internal sealed class MimeScan : MimeReader
{
    private readonly int maxEntities;
    private readonly UnreadFiles.Builder unread = new();
    private int entities;
    private long lastBoundary = -1;

    private MimeScan(ParserOptions options, Stream stream, int maxEntities)
        : base(options, stream)
        => this.maxEntities = maxEntities;

    /// <summary>Where to cut the message (the boundary before the first entity beyond the limit), or null when it is within it.</summary>
    public long? Cut { get; private set; }

    /// <summary>Scans <paramref name="raw"/>; throws <see cref="FormatException"/> when it is not a message at all.</summary>
    public static (long? Cut, UnreadFiles.Builder Unread) Run(byte[] raw, ParserOptions options, int maxEntities, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(raw, writable: false);
        var scan = new MimeScan(options, stream, maxEntities);
        scan.ReadMessage(cancellationToken);
        return (scan.Cut, scan.unread);
    }

    /// <inheritdoc />
    protected override void OnMultipartBoundaryBegin(long beginOffset, int lineNumber, CancellationToken cancellationToken) =>
        lastBoundary = beginOffset;

    /// <inheritdoc />
    protected override void OnMultipartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken) =>
        Count(beginOffset, leafName: null, isLeaf: false);

    /// <inheritdoc />
    protected override void OnMimePartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken) =>
        Count(beginOffset, contentType.Name ?? contentType.MimeType, isLeaf: true);

    /// <inheritdoc />
    protected override void OnMessagePartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken) =>
        Count(beginOffset, contentType.Name ?? contentType.MimeType, isLeaf: true);

    private void Count(long beginOffset, string? leafName, bool isLeaf)
    {
        if (++entities <= maxEntities)
        {
            return;
        }

        // Cut at the boundary line, so the last part read ends cleanly and no empty part is made of the cut.
        Cut ??= lastBoundary > 0 ? lastBoundary : beginOffset;
        if (isLeaf)
        {
            unread.Add(leafName);
        }
    }
}
