using System.Text;
using MimeKit;

namespace Amends.Inbound;

/// <summary>An email no person wrote: an automatic reply or a bounce.</summary>
/// <param name="IsBounce">True when a mail server reports it could not deliver our email.</param>
/// <param name="Reason">What gave it away, for the timeline.</param>
public sealed record AutomaticMail(bool IsBounce, string Reason);

/// <summary>
/// Stops mail loops: answering an out-of-office or a bounce with an acknowledgement would bring back
/// another out-of-office, and so on forever. Such mail is archived and recorded, never answered.
/// </summary>
public static class MailLoops
{
    private static readonly string[] AutomaticPrecedence = ["bulk", "auto_reply", "list", "junk"];

    /// <summary>What makes <paramref name="email"/> automatic, or null when a person wrote it.</summary>
    /// <param name="email">The email.</param>
    /// <param name="ourAddress">The store's incidents address: mail from it is our own coming back.</param>
    public static AutomaticMail? Detect(InboundEmail email, string ourAddress)
    {
        var headers = email.Headers;
        var from = email.FromAddress ?? "";
        if (from.StartsWith("mailer-daemon@", StringComparison.OrdinalIgnoreCase) || from.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase))
        {
            return new AutomaticMail(IsBounce: true, "Sent by MAILER-DAEMON.");
        }

        if (email.IsDeliveryReport)
        {
            return new AutomaticMail(IsBounce: true, "A delivery status report (multipart/report).");
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

        if (headers[HeaderId.Precedence] is { } precedence && AutomaticPrecedence.Contains(precedence.Trim().ToLowerInvariant()))
        {
            return new AutomaticMail(IsBounce: false, $"Precedence: {Clip(precedence)}.");
        }

        if (headers[HeaderId.ListId] is not null)
        {
            return new AutomaticMail(IsBounce: false, "Mailing list mail (List-Id).");
        }

        if (from.Equals(ourAddress, StringComparison.OrdinalIgnoreCase))
        {
            return new AutomaticMail(IsBounce: false, "Sent from our own incidents address.");
        }

        return null;
    }

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
