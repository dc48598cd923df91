using System.Text;
using MimeKit;

namespace Amends.Inbound;

/// <summary>An email no person wrote: an automatic reply, a delivery report or a read receipt.</summary>
/// <param name="IsBounce">True when a mail server reports it could not deliver our email.</param>
/// <param name="Reason">What gave it away, for the timeline.</param>
public sealed record AutomaticMail(bool IsBounce, string Reason);

/// <summary>
/// Stops mail loops: answering an out-of-office or a bounce with an acknowledgement would bring back
/// another out-of-office, and so on forever. Such mail is archived and recorded, never answered.
/// Only evidence that a machine wrote the mail counts: <c>X-Auto-Response-Suppress</c> alone asks
/// Exchange not to auto-reply <em>to</em> a message, Exchange and Outlook put it on ordinary mail and
/// helpdesks that filtered on it lost customers' mail, so it counts only beside a header Exchange's
/// inbox rules add.
/// </summary>
public static class MailLoops
{
    private static readonly string[] AutomaticPrecedence = ["bulk", "auto_reply", "list", "junk"];

    /// <summary>Local parts of addresses no person reads or writes from.</summary>
    private static readonly string[] RobotSenders = ["noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "mailer-daemon", "postmaster"];

    /// <summary>Senders that report on mail delivery: what they send is about our email not arriving.</summary>
    private static readonly string[] DeliverySystems = ["mailer-daemon", "postmaster"];

    /// <summary>
    /// The subject prefixes of vacation and out-of-office replies: Exchange and Outlook in each of
    /// our languages, current and older forms, and the usual forms of other servers.
    /// </summary>
    private static readonly string[] AutomaticSubjects =
    [
        "Automatic reply:", "Auto reply:", "Autoreply:", "Auto-reply:", "Auto Response:", "Out of Office:", "Out of Office AutoReply:",
        "Risposta automatica:", "Fuori sede:", "Fuori ufficio:",
        "Odpowiedź automatyczna:", "Automatyczna odpowiedź:", "Poza biurem:", "Nieobecność:",
        "Automatisk svar:", "Autosvar:", "Fraværende:", "Fravær:", "Ikke til stede:",
        "Abwesenheitsnotiz:", "Automatische Antwort:", "Réponse automatique:", "Respuesta automática:", "Automatisch antwoord:",
    ];

    /// <summary>What makes <paramref name="email"/> automatic, or null when a person wrote it.</summary>
    /// <param name="email">The email.</param>
    /// <param name="ourAddress">The store's incidents address: mail from it is our own coming back.</param>
    public static AutomaticMail? Detect(InboundEmail email, string ourAddress)
    {
        var headers = email.Headers;
        var from = email.FromAddress?.Trim() ?? "";
        var local = from.Contains('@', StringComparison.Ordinal) ? from[..from.LastIndexOf('@')] : from;
        var reportType = ReportType(email);
        if (reportType == "delivery-status" || (email.IsDeliveryReport && reportType is null))
        {
            return Failed(email)
                ? new AutomaticMail(IsBounce: true, "A delivery status report (multipart/report): delivery failed.")
                : new AutomaticMail(IsBounce: false, "A delivery status report (multipart/report) that reports no failure.");
        }

        if (reportType == "disposition-notification")
        {
            return new AutomaticMail(IsBounce: false, "A read receipt (disposition notification).");
        }

        if (DeliverySystems.Any(d => IsLocalPart(local, d)))
        {
            return new AutomaticMail(IsBounce: true, $"Sent by {local.ToUpperInvariant()}.");
        }

        if (headers[HeaderId.ReturnPath] is { } returnPath && returnPath.Trim() == "<>")
        {
            return new AutomaticMail(IsBounce: true, "Return-Path: <> (a null sender).");
        }

        if (email.EnvelopeFrom is { } envelopeFrom && (envelopeFrom.Trim() is "" or "<>"))
        {
            return new AutomaticMail(IsBounce: true, "The SMTP envelope has a null sender.");
        }

        // RFC 3834: any value but "no" means a machine sent it.
        if (headers[HeaderId.AutoSubmitted] is { } autoSubmitted && !autoSubmitted.Split(';')[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return new AutomaticMail(IsBounce: false, $"Auto-Submitted: {Clip(autoSubmitted)}.");
        }

        foreach (var name in new[] { "X-Autoreply", "X-Autorespond", "X-Autoresponder" })
        {
            if (headers[name] is { } value && !value.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                return new AutomaticMail(IsBounce: false, $"{name}: {Clip(value)}.");
            }
        }

        foreach (var name in new[] { "Precedence", "X-Precedence" })
        {
            if (headers[name] is { } precedence && AutomaticPrecedence.Contains(precedence.Trim().ToLowerInvariant()))
            {
                return new AutomaticMail(IsBounce: false, $"{name}: {Clip(precedence)}.");
            }
        }

        if (headers[HeaderId.ListId] is not null)
        {
            return new AutomaticMail(IsBounce: false, "Mailing list mail (List-Id).");
        }

        if (AutomaticSubjects.FirstOrDefault(p => email.Subject.TrimStart().StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix)
        {
            return new AutomaticMail(IsBounce: false, $"An out-of-office subject (\"{prefix}\").");
        }

        // Exchange's own auto-replies: the request not to answer them, beside the mark of a mailbox rule.
        if (headers["X-Auto-Response-Suppress"] is { } suppress && SuppressesReplies(suppress)
            && (headers["X-MS-Exchange-Inbox-Rules-Loop"] is not null || headers["X-MS-Exchange-Generated-Message-Source"] is not null))
        {
            return new AutomaticMail(IsBounce: false, $"An Exchange mailbox rule's reply (X-Auto-Response-Suppress: {Clip(suppress)}).");
        }

        if (RobotSenders.Any(r => IsLocalPart(local, r)))
        {
            return new AutomaticMail(IsBounce: false, "Sent from an address nobody answers.");
        }

        if (from.Equals(ourAddress, StringComparison.OrdinalIgnoreCase))
        {
            return new AutomaticMail(IsBounce: false, "Sent from our own incidents address.");
        }

        return null;
    }

    /// <summary>The <c>report-type</c> of a <c>multipart/report</c>, lower case; null for any other mail.</summary>
    private static string? ReportType(InboundEmail email) =>
        email.Headers[HeaderId.ContentType] is { } value && ContentType.TryParse(value, out var type)
            && type.IsMimeType("multipart", "report") && type.Parameters["report-type"] is { } reportType
            ? reportType.Trim().ToLowerInvariant()
            : null;

    /// <summary>
    /// Whether a delivery report says delivery failed (RFC 3464 <c>Action: failed</c>), rather than
    /// that it is delayed or was delivered; a report we cannot read counts as failed.
    /// </summary>
    private static bool Failed(InboundEmail email)
    {
        var statuses = email.Attachments
            .Where(a => a.DeclaredType is { } type && (type.Equals("message/delivery-status", StringComparison.OrdinalIgnoreCase)
                || type.Equals("message/global-delivery-status", StringComparison.OrdinalIgnoreCase)))
            .Select(a => Encoding.UTF8.GetString(a.Content))
            .ToList();
        if (statuses.Count == 0)
        {
            return true;
        }

        var actions = statuses.SelectMany(s => s.ReplaceLineEndings("\n").Split('\n'))
            .Where(l => l.StartsWith("Action:", StringComparison.OrdinalIgnoreCase))
            .Select(l => l["Action:".Length..].Trim().ToLowerInvariant())
            .ToList();
        return actions.Count == 0 || actions.Any(a => a.StartsWith("failed", StringComparison.Ordinal));
    }

    private static bool SuppressesReplies(string value) =>
        value.Split(',').Select(v => v.Trim()).Any(v => v.Equals("All", StringComparison.OrdinalIgnoreCase)
            || v.Equals("OOF", StringComparison.OrdinalIgnoreCase) || v.Equals("AutoReply", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="local"/> is <paramref name="name"/>, alone or with a tag (<c>noreply+shop</c>, <c>no-reply.orders</c>).</summary>
    private static bool IsLocalPart(string local, string name) =>
        local.Equals(name, StringComparison.OrdinalIgnoreCase)
        || (local.StartsWith(name, StringComparison.OrdinalIgnoreCase) && local.Length > name.Length && local[name.Length] is '+' or '.' or '-' or '_');

    private static string Clip(string value)
    {
        var clean = new StringBuilder();
        foreach (var c in value.Trim().Where(c => !char.IsControl(c)).Take(60))
        {
            clean.Append(c);
        }

        return clean.ToString();
    }
}
