using Amends.Incidents;

namespace Amends.Photos;

/// <summary>The timeline entries that record which files an incident got and which it refused.</summary>
public static class PhotoTimeline
{
    /// <summary>
    /// One <see cref="TimelineEntryKind.PhotoAdded"/> entry per accepted file and one
    /// <see cref="TimelineEntryKind.AttachmentRejected"/> per refused file, with ids
    /// <paramref name="idStem"/><c>-f01</c>… so that writing them again (a retried delivery) changes nothing.
    /// </summary>
    /// <param name="files">What the checks decided.</param>
    /// <param name="idStem">The start of every entry id: sortable by time and unique to the message or upload.</param>
    /// <param name="at">When the files arrived.</param>
    /// <param name="author">Who sent them: <c>customer</c> or <c>staff</c>.</param>
    public static IReadOnlyList<TimelineEntry> Entries(CheckedFiles files, string idStem, DateTimeOffset at, string author)
    {
        List<TimelineEntry> entries = [];
        var number = 0;
        foreach (var file in files.Accepted)
        {
            entries.Add(new TimelineEntry($"{idStem}-f{++number:D2}", TimelineEntryKind.PhotoAdded, at,
                $"{file.Name}: {file.FileName} ({file.ContentType}, {AttachmentRejection.Megabytes(file.Content.Length)})",
                author, CustomerFacing: false, Delivered: false));
        }

        foreach (var rejection in files.Rejected)
        {
            entries.Add(new TimelineEntry($"{idStem}-f{++number:D2}", TimelineEntryKind.AttachmentRejected, at,
                rejection.ToTimelineText(), author, CustomerFacing: false, Delivered: false));
        }

        return entries;
    }

    /// <summary>
    /// <paramref name="files"/> without the accepted files <paramref name="timeline"/> already records (once
    /// each): a retry after the files were stored but not recorded records them then, and a file sent again
    /// is not recorded twice.
    /// </summary>
    public static CheckedFiles Unrecorded(CheckedFiles files, IReadOnlyList<TimelineEntry> timeline)
    {
        // Each entry's text starts with the file's name (see Entries).
        var recorded = timeline.Where(e => e.Kind == TimelineEntryKind.PhotoAdded)
            .Select(e => e.Text ?? "")
            .Select(text => text[..Math.Max(text.IndexOf(':', StringComparison.Ordinal), 0)])
            .ToHashSet(StringComparer.Ordinal);
        return files with { Accepted = [.. files.Accepted.DistinctBy(f => f.Name).Where(f => !recorded.Contains(f.Name))] };
    }
}
