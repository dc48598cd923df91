using System.Text.RegularExpressions;
using Amends.Email;
using Amends.Photos;
using MimeKit;

namespace Amends.Inbound;

/// <summary>A customer's mail as someone at the store forwarded it to the incidents address.</summary>
/// <param name="ReportedBy">The store's address that forwarded it: who reported the incident.</param>
/// <param name="Customer">The customer's own mail, read from the forward; null when no original sender could be found.</param>
/// <param name="Note">What the store's sender wrote above the forwarded mail, if anything.</param>
public sealed record StoreForward(string ReportedBy, InboundEmail? Customer, string Note);

/// <summary>
/// Reads the customer's mail out of a forward, as the mail programs write it in our languages: an
/// attached <c>message/rfc822</c>, or the forwarded header block in the body — Outlook
/// (<c>-----Original Message-----</c>, a <c>____</c> line, <c>From:/Sent:</c>, <c>Da:/Inviato:</c>,
/// <c>Od:/Wysłane:</c>, <c>Fra:/Sendt:</c>), Gmail (<c>---------- Forwarded message ---------</c>),
/// Apple Mail (<c>Begin forwarded message:</c>) and Thunderbird (<c>-------- Forwarded Message --------</c>,
/// its labels before the sender). The customer is the sender of the first forwarded block.
/// </summary>
public static partial class StoreForwards
{
    /// <summary>How many lines after a forward's sender line its other header lines may come.</summary>
    private const int BlockLines = 8;

    /// <summary>The forward in <paramref name="mail"/>, which a store address sent.</summary>
    /// <param name="mail">The forward.</param>
    /// <param name="isStoreAddress">Which addresses are the store's own: never taken as the customer.</param>
    public static StoreForward Read(InboundEmail mail, Func<string, bool> isStoreAddress)
    {
        var reporter = mail.FromAddress?.Trim() ?? "";
        var (customer, note) = Attached(mail) is { } attached ? (attached, mail.Text.Trim()) : Inline(mail);
        return customer?.FromAddress is { } address && !isStoreAddress(address)
            ? new StoreForward(reporter, customer, note)
            : new StoreForward(reporter, null, note);
    }

    /// <summary>A forward "as attachment" (Outlook, Thunderbird): the customer's message itself.</summary>
    private static InboundEmail? Attached(InboundEmail mail)
    {
        var attached = mail.Attachments.FirstOrDefault(a => a.DeclaredType is { } type && type.Equals("message/rfc822", StringComparison.OrdinalIgnoreCase));
        if (attached is null)
        {
            return null;
        }

        MimeMessage message;
        try
        {
            message = MimeMessage.Load(new MemoryStream(attached.Content, writable: false));
        }
        catch (FormatException)
        {
            return null;
        }

        using (message)
        {
            var from = message.From.Mailboxes.FirstOrDefault();
            List<IncomingFile> files = [.. mail.Attachments.Where(a => !ReferenceEquals(a, attached))];
            foreach (var part in message.Attachments.OfType<MimePart>())
            {
                using var content = new MemoryStream();
                part.Content?.DecodeTo(content);
                files.Add(new IncomingFile(part.FileName ?? $"attachment-{files.Count + 1}", part.ContentType.MimeType, content.ToArray()));
            }

            return mail with
            {
                MessageId = string.IsNullOrWhiteSpace(message.MessageId) ? null : message.MessageId,
                FromAddress = from?.Address,
                FromName = string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name.Trim(),
                Subject = (message.Subject ?? "").Trim(),
                Text = (message.TextBody ?? HtmlText.ToText(message.HtmlBody)).Trim(),
                ReferencedMessageIds = [],
                Attachments = files,
            };
        }
    }

    /// <summary>An inline forward: the first forwarded header block in the body, and what follows it.</summary>
    private static (InboundEmail? Customer, string Note) Inline(InboundEmail mail)
    {
        var lines = mail.Text.ReplaceLineEndings("\n").Split('\n').Select(Unquote).ToArray();
        var start = Array.FindIndex(lines, l => Separator().IsMatch(l));
        for (var i = Math.Max(start, 0); i < lines.Length; i++)
        {
            if (Label(lines[i]) is not ("from", var fromValue))
            {
                continue;
            }

            // The block: the label lines around the sender (Thunderbird puts Subject and Date first).
            var first = i;
            while (first > 0 && i - first < BlockLines && Label(lines[first - 1]) is not null)
            {
                first--;
            }

            var last = i;
            while (last + 1 < lines.Length && last - i < BlockLines && (Label(lines[last + 1]) is not null || IsContinuation(lines[last + 1])))
            {
                last++;
            }

            var labels = lines[first..(last + 1)].Select(Label).OfType<(string Name, string Value)>().ToList();
            if (labels.Count(l => l.Name != "from") < (start >= 0 ? 1 : 2))
            {
                continue;
            }

            var note = string.Join('\n', lines[..(start >= 0 ? Math.Min(start, first) : first)]).Trim();
            if (Sender(fromValue) is not { } sender)
            {
                return (null, note);
            }

            var subject = labels.FirstOrDefault(l => l.Name == "subject").Value ?? MailThreads.BaseSubject(mail.Subject);
            var body = lines[(last + 1)..].TakeWhile(l => !Separator().IsMatch(l));
            return (mail with
            {
                MessageId = null,
                FromAddress = sender.Address,
                FromName = sender.Name,
                Subject = subject.Trim(),
                Text = string.Join('\n', body).Trim(),
                ReferencedMessageIds = [],
            }, note);
        }

        return (null, mail.Text.Trim());
    }

    /// <summary>A header line of a forwarded block, by what it means: <c>from</c>, <c>subject</c> or <c>other</c>.</summary>
    private static (string Name, string Value)? Label(string line)
    {
        var match = HeaderLine().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var label = match.Groups["label"].Value.ToLowerInvariant();
        var name = label switch
        {
            "from" or "da" or "mittente" or "od" or "nadawca" or "fra" or "avsender" or "von" or "de" => "from",
            "subject" or "oggetto" or "temat" or "emne" or "betreff" or "objet" or "asunto" => "subject",
            _ => "other",
        };
        return (name, match.Groups["value"].Value.Trim());
    }

    private static (string Address, string? Name)? Sender(string value)
    {
        var match = Address().Match(value);
        if (!match.Success)
        {
            return null;
        }

        var name = MailtoPrefix().Replace(value[..match.Index], "").Trim().Trim('"', '\'', '<', '[').Trim();
        return (match.Value, name.Length == 0 ? null : name);
    }

    /// <summary>Outlook wraps a long To: or Cc: line onto an indented next line.</summary>
    private static bool IsContinuation(string line) => line.Length > 0 && char.IsWhiteSpace(line[0]) && line.Trim().Length > 0;

    /// <summary>A line as written, without quote marks and the bold asterisks of a converted HTML forward.</summary>
    private static string Unquote(string line)
    {
        var text = line.TrimEnd();
        while (text.StartsWith('>'))
        {
            text = text[1..].TrimStart(' ');
        }

        return text.Replace("*", "", StringComparison.Ordinal);
    }

    [GeneratedRegex(
        @"^\s*(?:-{2,}\s*(?:Original Message|Forwarded message|Forwarded Message|Messaggio originale|Messaggio inoltrato|Wiadomość oryginalna|Oryginalna wiadomość|Przekazana wiadomość|Przesłana wiadomość|Opprinnelig melding|Videresendt melding|Videresendt e-post)\s*-{2,}|_{10,}|Begin forwarded message:|Inizio messaggio inoltrato:|Początek przekazywanej wiadomości:|Początek przekazanej wiadomości:|Begynnelse på videresendt melding:|Videresendt melding:)\s*$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Separator();

    [GeneratedRegex(
        @"^\s*(?<label>From|Sent|Date|To|Cc|Subject|Reply-To|Da|Mittente|Inviato|Data|A|Oggetto|Rispondi a|Od|Nadawca|Adresat|Wysłano|Wysłane|Data wysłania|Do|DW|Temat|Fra|Avsender|Sendt|Dato|Til|Kopi|Emne|Von|Gesendet|An|Betreff|De|Envoyé|Objet|Asunto)\s*:[ \t]*(?<value>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"[<\[(]?\s*mailto:\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MailtoPrefix();

    [GeneratedRegex(@"[A-Za-z0-9._%+'\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
