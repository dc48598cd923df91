namespace Amends.Inbound;

/// <summary>
/// A reply without the quoted email it answers: staff read the timeline, where our own
/// acknowledgement quoted back under every reply would only be noise.
/// </summary>
internal static class QuotedReply
{
    public static string Strip(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').ToList();
        var end = lines.Count;
        while (end > 0 && (lines[end - 1].TrimStart().StartsWith('>') || string.IsNullOrWhiteSpace(lines[end - 1])))
        {
            end--;
        }

        if (end == lines.Count)
        {
            return text.Trim();
        }

        // The attribution line before the quote ("On Tue, … wrote:", "Il giorno … ha scritto:", "… napisał(a):", "… skrev:").
        if (end > 0 && lines[end - 1].TrimEnd().EndsWith(':'))
        {
            end--;
        }

        var kept = string.Join('\n', lines.Take(end)).Trim();
        return kept.Length == 0 ? text.Trim() : kept;
    }
}
