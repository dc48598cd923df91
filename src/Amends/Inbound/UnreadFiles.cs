using System.Globalization;
using Amends.Photos;

namespace Amends.Inbound;

/// <summary>
/// The files of one message beyond what one post may cost: not decoded, not checked, not stored;
/// recorded on the timeline as one entry, however many there were.
/// </summary>
/// <param name="Count">How many files were not read.</param>
/// <param name="Names">The first few of their names, for staff and the customer.</param>
/// <param name="Limit">How many files one message may have read.</param>
public sealed record UnreadFiles(int Count, IReadOnlyList<string> Names, int Limit)
{
    /// <summary>How many names are kept: enough to recognise the files, bounded whatever was sent.</summary>
    public const int NamesKept = 5;

    /// <summary>
    /// The one timeline entry for all of them, as a refused file of its own (<see cref="RejectionReason.TooMany"/>),
    /// so the acknowledgement tells the customer, as for any refused file.
    /// </summary>
    public AttachmentRejection ToRejection()
    {
        var names = string.Join(", ", Names.Select(PhotoChecks.SafeFileName));
        var label = string.Create(CultureInfo.InvariantCulture, $"{Count} more files ({names}{(Count > Names.Count ? ", …" : "")})");
        return new AttachmentRejection(label, RejectionReason.TooMany,
            string.Create(CultureInfo.InvariantCulture, $"{Count} more files were not read: only the first {Limit} parts or attachments of one message are read."));
    }

    /// <summary>Collects the files skipped while reading a message.</summary>
    internal sealed class Builder
    {
        private readonly List<string> names = [];
        private int count;

        /// <summary>One more file not read.</summary>
        public void Add(string? name)
        {
            count++;
            if (names.Count < NamesKept)
            {
                names.Add(string.IsNullOrWhiteSpace(name) ? "attachment" : name);
            }
        }

        /// <summary>Adds <paramref name="more"/> files whose names were never read.</summary>
        public void AddUnnamed(int more) => count += more;

        /// <summary>What was collected, or null when every file was read.</summary>
        public UnreadFiles? Build(int limit) => count == 0 ? null : new UnreadFiles(count, names, limit);
    }
}
