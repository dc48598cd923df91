using System.Text.RegularExpressions;

namespace Amends.Inbound;

/// <summary>
/// The customer's own words in an email: without the history their mail program quoted under them,
/// without their signature, their phone's "Sent from my iPhone" and their employer's legal footer.
/// Staff read these words on the timeline, and the classifier and the language detector judge them;
/// the full original stays in the mail archive, one click away.
/// </summary>
/// <remarks>
/// What the mail programs write, in the four languages the store's customers use:
/// <list type="bullet">
/// <item>Outlook (desktop, web, mobile): <c>-----Original Message-----</c>, a line of underscores, then a
/// header block <c>From: … Sent: … To: … Subject: …</c> (<c>Da: … Inviato: … A: … Oggetto:</c>,
/// <c>Od: … Wysłano: … Do: … Temat:</c>, <c>Fra: … Sendt: … Til: … Emne:</c>); newer Outlook writes
/// <c>Date:</c> for <c>Sent:</c>.</item>
/// <item>Gmail: an attribution <c>On Mon, 30 Nov 2026 at 10:12, Name &lt;address&gt; wrote:</c>, wrapped over two
/// lines when long; <c>Il giorno … ha scritto:</c>, <c>… napisał(a):</c>, <c>… kl. 10:12 skrev Name &lt;address&gt;:</c>.</item>
/// <item>Apple Mail: <c>On 30 Nov 2026, at 10:12, Name &lt;address&gt; wrote:</c>, itself quoted on iOS;
/// <c>Wiadomość napisana przez … w dniu …:</c>.</item>
/// <item>Thunderbird: <c>On 30/11/2026 10:12, Name wrote:</c>, <c>W dniu … pisze:</c>, <c>Den … skrev …:</c>.</item>
/// </list>
/// An HTML-only mail has lost its <c>&gt;</c> marks on the way to text, so the attribution or the header
/// block, not the quote marks, is where the history starts.
/// </remarks>
public static partial class QuotedReply
{
    /// <summary>The lines after a valediction that can still be a signature (name, role, phone, address, web).</summary>
    private const int MaxSignatureLines = 8;

    /// <summary>The customer's own words in <paramref name="text"/>; empty when they wrote none (a bare forward, only a quote).</summary>
    public static string Strip(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Replace('\u00A0', ' ').Split('\n');
        var end = HistoryStart(lines);
        List<string> kept = [];
        for (var i = 0; i < end; i++)
        {
            var line = lines[i].TrimEnd();
            if (SignatureDelimiter().IsMatch(line))
            {
                break;
            }

            // Interleaved answers keep the customer's lines and drop what they quote.
            if (line.TrimStart().StartsWith('>') || MobileFooter().IsMatch(line))
            {
                continue;
            }

            kept.Add(line);
        }

        DropLegalFooter(kept);
        DropSignatureAfterValediction(kept);
        return BlankRuns().Replace(string.Join('\n', kept).Trim(), "\n\n");
    }

    /// <summary>The index of the first line of quoted history (an attribution, a header block or a separator), or the line count.</summary>
    private static int HistoryStart(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = Unquoted(lines[i]);
            if (OriginalMessage().IsMatch(line) || Underscores().IsMatch(line))
            {
                return i;
            }

            if (HeaderFrom().IsMatch(line) && (HeaderSent().IsMatch(line) || Enumerable.Range(i + 1, 4).Any(j => j < lines.Length && HeaderSent().IsMatch(Unquoted(lines[j])))))
            {
                return i;
            }

            // Gmail and Thunderbird wrap a long attribution: try the line alone, then joined with the next one or two.
            var joined = line;
            for (var j = i; j < Math.Min(lines.Length, i + 3); j++)
            {
                if (j > i)
                {
                    // An attribution is one sentence: it does not run on past a full stop or a blank line.
                    if (joined.Length == 0 || ".!?".Contains(joined[^1]) || Unquoted(lines[j]).Length == 0)
                    {
                        break;
                    }

                    joined += " " + Unquoted(lines[j]);
                }

                if (IsAttribution(joined))
                {
                    return i;
                }
            }
        }

        return lines.Length;
    }

    private static bool IsSentence(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4 && ".!?".Contains(line.TrimEnd()[^1]);

    private static bool IsAttribution(string line) =>
        line.Length <= 300 && line.EndsWith(':') && (AttributionVerb().IsMatch(line) || ApplePolish().IsMatch(line)) && line.Any(c => char.IsAsciiDigit(c) || c == '@');

    private static string Unquoted(string line) => line.TrimStart('>', ' ', '\t').Trim().Trim('*');

    /// <summary>Drops a confidentiality or legal footer (and whatever follows it) from the end of the words.</summary>
    private static void DropLegalFooter(List<string> lines)
    {
        for (var i = 1; i < lines.Count; i++)
        {
            // A footer starts a paragraph; the customer's first lines are never one.
            if (!string.IsNullOrWhiteSpace(lines[i - 1]) && !LegalFooterStart().IsMatch(lines[i]))
            {
                continue;
            }

            var paragraph = string.Join(' ', lines.Skip(i).TakeWhile(l => !string.IsNullOrWhiteSpace(l)));
            if (LegalFooterStart().IsMatch(lines[i]) || LegalFooterWords().Matches(paragraph).Select(m => m.Value.ToLowerInvariant()).Distinct().Count() >= 2)
            {
                lines.RemoveRange(i, lines.Count - i);
                return;
            }
        }
    }

    /// <summary>After "Kind regards," (or "Cordiali saluti", "Pozdrawiam", "Med vennlig hilsen" …) only a short signature block follows: drop it, keep the valediction.</summary>
    private static void DropSignatureAfterValediction(List<string> lines)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (!Valediction().IsMatch(lines[i].Trim()))
            {
                continue;
            }

            var after = lines.Skip(i + 1).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            // A signature is names, roles, numbers and addresses; a sentence after "Thanks" is still the customer talking.
            if (after.Count <= MaxSignatureLines && after.All(l => l.Trim().Length <= 80 && !PostScript().IsMatch(l) && !IsSentence(l)))
            {
                lines.RemoveRange(i + 1, lines.Count - i - 1);
            }

            return;
        }
    }

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Messaggio originale|Wiadomość oryginalna|Oryginalna wiadomość|Opprinnelig melding|Original melding|Forwarded message|Messaggio inoltrato|Wiadomość przekazana|Przekazana wiadomość|Videresendt melding)\s*-{2,}\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^_{10,}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Underscores();

    [GeneratedRegex(@"^(From|Da|Od|Fra|De|Von|Van)\s*:\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"(^|\s)(Sent|Date|Inviato|Data|Wysłano|Wysłane|Sendt|Dato|Envoyé|Gesendet|Datum)\s*:\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderSent();

    [GeneratedRegex(@"\b(wrote|writes|ha scritto|hai scritto|scrive|napisał\(a\)|napisał|napisała|pisze|skrev|skriver|schrieb|a écrit|escribió)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttributionVerb();

    [GeneratedRegex(@"^Wiadomość napisana przez\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApplePolish();

    [GeneratedRegex(@"^--\s?$", RegexOptions.CultureInvariant)]
    private static partial Regex SignatureDelimiter();

    /// <summary>"Sent from my iPhone", "Get Outlook for Android", "Inviato da iPhone", "Wysłane z iPhone'a", "Sendt fra min iPhone" and their kin.</summary>
    [GeneratedRegex(
        @"^\s*(Sent from|Sent with|Sent via|Get|Inviato da|Inviato dal|Inviato dalla|Inviato con|Scarica|Ottieni|Wysłane z|Wysłano z|Wysłane przy użyciu|Pobierz|Sendt fra|Sendt med|Hent)\b.{0,60}\b(iPhone|iPad|Android|Outlook|Mail|Gmail|Yahoo|Galaxy|Samsung|Huawei|Xiaomi|Pixel|BlackBerry|mobile|smartphone|smartfona|telefonu|telefono|mobil|mobilen|app|aplikacji|Windows)\b.{0,30}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MobileFooter();

    [GeneratedRegex(
        @"^\s*(\*+\s*)?(CONFIDENTIAL|CONFIDENTIALITY|DISCLAIMER|AVVISO DI RISERVATEZZA|RISERVATEZZA|INFORMATIVA PRIVACY|Questo messaggio e i suoi allegati|Il presente messaggio|This (e-?mail|message) (and any attachments? )?(is|are|may contain|contains)|The information (contained )?in this (e-?mail|message)|Ta wiadomość (e-mail )?(jest|może|zawiera)|Niniejsza wiadomość|KLAUZULA POUFNOŚCI|Denne e-?posten|Denne meldingen|Informasjonen i denne)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LegalFooterStart();

    [GeneratedRegex(
        @"\b(confidential|privileged|intended recipient|intended solely|addressee|unauthori[sz]ed|disclos\w*|riservat\w*|destinatari\w*|D\.?\s?Lgs|GDPR|2016/679|divulgazione|poufn\w*|adresat\w*|RODO|ujawnian\w*|konfidensiell\w*|taushetsplikt|mottaker\w*|uautorisert)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LegalFooterWords();

    [GeneratedRegex(
        @"^(kind regards|best regards|warm regards|regards|best wishes|best|many thanks|thanks|thank you|cheers|yours sincerely|sincerely|cordiali saluti|distinti saluti|saluti|un saluto|grazie|grazie mille|grazie e saluti|pozdrawiam|pozdrawiam serdecznie|serdecznie pozdrawiam|z poważaniem|z pozdrowieniami|dziękuję|med vennlig hilsen|vennlig hilsen|hilsen|mvh|beste hilsen|takk)\s*[,.!]?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Valediction();

    [GeneratedRegex(@"^\s*(P\.?S\.?|PS:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostScript();

    [GeneratedRegex(@"\n{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex BlankRuns();
}
