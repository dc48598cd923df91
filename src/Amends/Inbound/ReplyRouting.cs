using System.Text;
using System.Text.RegularExpressions;
using Amends.Incidents;

namespace Amends.Inbound;

/// <summary>
/// Which incidents an email may belong to, best evidence first: the incident tag in the subject
/// (<c>[AMD-7K3M9Q2X]</c>), a plus-address (<c>incidents+AMD-7K3M9Q2X@…</c>), or a Message-ID we sent
/// (<c>AMD-7K3M9Q2X.acknowledgement@our domain</c>) in In-Reply-To or References.
/// </summary>
public static partial class ReplyRouting
{
    private static readonly string[] ReportTypes = ["message/delivery-status", "text/rfc822-headers", "message/rfc822", "message/global-headers", "message/disposition-notification"];

    /// <summary>The incident numbers <paramref name="email"/> names, best evidence first, without duplicates.</summary>
    /// <param name="email">The email.</param>
    /// <param name="ourDomain">The domain of the store's incidents address, which our Message-IDs end with.</param>
    /// <param name="readReports">
    /// Also read the body and any returned headers: a bounce quotes the email it bounces there rather than
    /// in its own headers.
    /// </param>
    public static IReadOnlyList<string> Candidates(InboundEmail email, string ourDomain, bool readReports = false)
    {
        List<string> found = [];
        found.AddRange(Tags(email.Subject));
        foreach (var recipient in email.Recipients)
        {
            var at = recipient.LastIndexOf('@');
            var local = at < 0 ? recipient : recipient[..at];
            var plus = local.IndexOf('+', StringComparison.Ordinal);
            if (plus >= 0 && Normalize(local[(plus + 1)..]) is { } id)
            {
                found.Add(id);
            }
        }

        foreach (var messageId in email.ReferencedMessageIds)
        {
            if (OurMessage(messageId, ourDomain) is { } id)
            {
                found.Add(id);
            }
        }

        if (readReports)
        {
            var quoted = new StringBuilder(email.Text);
            foreach (var report in email.Attachments.Where(a => ReportTypes.Contains(a.DeclaredType, StringComparer.OrdinalIgnoreCase)))
            {
                quoted.Append('\n').Append(Encoding.UTF8.GetString(report.Content));
            }

            var text = quoted.ToString();
            found.AddRange(MessageIdsIn(text, ourDomain));
            found.AddRange(Tags(text));
        }

        return [.. found.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The incident a Message-ID of ours names, e.g. <c>AMD-7K3M9Q2X.acknowledgement@shop.example</c>.</summary>
    public static string? OurMessage(string messageId, string ourDomain)
    {
        var id = messageId.Trim().Trim('<', '>');
        var at = id.LastIndexOf('@');
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        if (at < 0 || dot < 0 || dot > at || !id[(at + 1)..].Equals(ourDomain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Normalize(id[..dot]);
    }

    /// <summary>
    /// Every incident number written anywhere in <paramref name="text"/>, bracketed or not, in any case,
    /// with the letters customers mistake for digits (O, I, L) read as Crockford's base32 reads them.
    /// </summary>
    public static IReadOnlyList<string> NamedIncidents(string text) =>
        [.. BareNumber().Matches(text)
            .Select(m => Normalize(IncidentNumber.Prefix + m.Groups[1].Value.ToUpperInvariant().Replace('O', '0').Replace('I', '1').Replace('L', '1')))
            .OfType<string>().Distinct(StringComparer.Ordinal)];

    private static IEnumerable<string> Tags(string text) =>
        SubjectTag().Matches(text).Select(m => Normalize(m.Groups[1].Value)).OfType<string>();

    private static IEnumerable<string> MessageIdsIn(string text, string ourDomain) =>
        QuotedMessageId().Matches(text)
            .Where(m => m.Groups[2].Value.Equals(ourDomain, StringComparison.OrdinalIgnoreCase))
            .Select(m => Normalize(m.Groups[1].Value)).OfType<string>();

    private static string? Normalize(string candidate)
    {
        var id = candidate.Trim().ToUpperInvariant();
        return IncidentNumber.IsWellFormed(id) ? id : null;
    }

    [GeneratedRegex(@"\[\s*(AMD-[0-9A-Za-z]{8})\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectTag();

    [GeneratedRegex(@"(?<![0-9A-Za-z])AMD[-\s]?([0-9A-Za-z]{8})(?![0-9A-Za-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"<(AMD-[0-9A-Za-z]{8})\.[^@\s<>]+@([^\s<>]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedMessageId();
}
