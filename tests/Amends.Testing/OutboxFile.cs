using System.Globalization;

namespace Amends.Testing;

/// <summary>
/// One email in the local outbox, read from its file name <c>{written}-{incident}.{step}_{domain}.eml</c>
/// (the written time is the server's clock, <c>yyyyMMddTHHmmssfffffffZ</c>).
/// </summary>
/// <param name="WrittenAt">When the server wrote the email (UTC).</param>
/// <param name="Incident">The incident it is about.</param>
/// <param name="Step">The step that sent it, e.g. <c>acknowledgement</c>, <c>silence-…</c>, <c>entry-…</c>.</param>
public sealed record OutboxFile(DateTime WrittenAt, string Incident, string Step)
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmssfffffff'Z'";
    private static readonly int TimeLength = "yyyyMMddTHHmmssfffffffZ".Length;

    /// <summary>The email a file name describes; null for a name of another shape.</summary>
    public static OutboxFile? Parse(string fileName)
    {
        if (fileName.Length <= TimeLength + 1 || fileName[TimeLength] != '-' ||
            !DateTime.TryParseExact(fileName[..TimeLength], TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var written))
        {
            return null;
        }

        var rest = fileName[(TimeLength + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var underscore = dot < 0 ? -1 : rest.IndexOf('_', dot);
        return underscore < 0 ? null : new OutboxFile(written, rest[..dot], rest[(dot + 1)..underscore]);
    }

    /// <summary>Every email in <paramref name="outbox"/>.</summary>
    public static IReadOnlyList<OutboxFile> All(string outbox) =>
        Directory.Exists(outbox)
            ? [.. Directory.EnumerateFiles(outbox, "*.eml").Select(f => Parse(Path.GetFileName(f))).OfType<OutboxFile>()]
            : [];
}
