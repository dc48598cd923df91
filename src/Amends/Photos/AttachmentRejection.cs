using Amends.Incidents;

namespace Amends.Photos;

/// <summary>Why an attachment was not accepted; the acknowledgement explains each in the customer's language.</summary>
public enum RejectionReason
{
    /// <summary>The file is larger than the per-file limit.</summary>
    TooLarge,

    /// <summary>Together with the files before it, the message is larger than the per-message limit.</summary>
    MessageTooLarge,

    /// <summary>The message has more files than we take at once.</summary>
    TooMany,

    /// <summary>Its content is not one of the allowed types, whatever its name says.</summary>
    TypeNotAllowed,

    /// <summary>It claims to be an allowed picture but cannot be read as one (damaged, or too many pixels).</summary>
    Unreadable,

    /// <summary>The file is empty.</summary>
    Empty,
}

/// <summary>An attachment we did not accept, as it is kept on the incident's timeline.</summary>
/// <param name="FileName">The name the sender gave it.</param>
/// <param name="Reason">Why it was not accepted.</param>
/// <param name="Detail">What staff need to know, in English (e.g. what the content really was).</param>
public sealed record AttachmentRejection(string FileName, RejectionReason Reason, string Detail)
{
    private const string NameSeparator = ": ";
    private const string DetailSeparator = " — ";

    /// <summary>
    /// The timeline text, <c>Reason: name — detail</c>: readable by staff, and read back by the
    /// acknowledgement to name the file and explain the reason in the customer's language.
    /// </summary>
    public string ToTimelineText() => $"{Reason}{NameSeparator}{FileName}{DetailSeparator}{Detail}";

    /// <summary>The rejection an <see cref="TimelineEntryKind.AttachmentRejected"/> entry records, or null if it is not one.</summary>
    public static AttachmentRejection? FromTimeline(TimelineEntry entry)
    {
        if (entry.Kind != TimelineEntryKind.AttachmentRejected || entry.Text is not { } text)
        {
            return null;
        }

        var colon = text.IndexOf(NameSeparator, StringComparison.Ordinal);
        var dash = text.LastIndexOf(DetailSeparator, StringComparison.Ordinal);
        if (colon < 0 || dash < colon || !Enum.TryParse<RejectionReason>(text[..colon], out var reason))
        {
            return null;
        }

        return new AttachmentRejection(text[(colon + NameSeparator.Length)..dash], reason, text[(dash + DetailSeparator.Length)..]);
    }

    /// <summary>
    /// The rejections on <paramref name="timeline"/>, as values for an email template: <c>name</c>,
    /// <c>reason</c> (the <see cref="RejectionReason"/> name) and <c>limit</c> (the size limit that applied).
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> ForTemplate(IEnumerable<TimelineEntry> timeline, PhotoOptions options) =>
        [.. timeline.Select(FromTimeline).OfType<AttachmentRejection>().Select(r => new Dictionary<string, object?>
        {
            ["name"] = r.FileName,
            ["reason"] = r.Reason.ToString(),
            ["limit"] = Megabytes(r.Reason == RejectionReason.MessageTooLarge ? options.MaxMessageBytes : options.MaxFileBytes),
            ["max_files"] = options.MaxFiles,
        })];

    /// <summary>A size as customers read it, e.g. <c>10 MB</c>.</summary>
    public static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{Math.Round(bytes / (1024d * 1024), 1):0.#} MB" : $"{Math.Max(1, bytes / 1024)} KB";
}
