using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;

namespace Amends.Email;

/// <summary>How a message came into an incident's conversation.</summary>
public enum ThreadMessageKind
{
    /// <summary>Mail a person sent to the incidents address (the customer, or someone else in the conversation).</summary>
    Received,

    /// <summary>An email Amends sent to the customer.</summary>
    Sent,

    /// <summary>The store's own forward of a customer's mail: the customer never saw it.</summary>
    Forward,

    /// <summary>An automatic reply, delivery report or read receipt: never answered.</summary>
    Automatic,
}

/// <summary>One Message-ID of an incident's conversation.</summary>
/// <param name="MessageId">The Message-ID without angle brackets.</param>
/// <param name="Kind">How it came in.</param>
/// <param name="From">Its sender's address (ours for sent mail).</param>
/// <param name="At">When it was received or sent.</param>
public sealed record ThreadMessage(string MessageId, ThreadMessageKind Kind, string From, DateTimeOffset At);

/// <summary>An incident's conversation: the subject every email keeps, and every Message-ID in it, oldest first.</summary>
/// <param name="Subject">The subject the conversation started with, without reply and forward prefixes; null until one is known.</param>
/// <param name="StartedByUs">True when our own first email started it (an incident created without a customer's mail).</param>
/// <param name="Messages">Every Message-ID received or sent for the incident.</param>
public sealed record MailThread(string? Subject, bool StartedByUs, IReadOnlyList<ThreadMessage> Messages)
{
    /// <summary>At most this many Message-IDs go into <c>References</c>: the first and the latest.</summary>
    public const int MaxReferences = 20;

    /// <summary>
    /// The headers that keep an email to the customer in one conversation in Gmail, Outlook and Apple
    /// Mail: a stable subject (<c>Re: their subject [AMD-…]</c>, or <c>Re:</c> our first subject when we
    /// started it) and In-Reply-To/References naming their last mail, or our first when they never wrote.
    /// </summary>
    /// <param name="incidentId">The incident, whose tag the subject carries.</param>
    /// <param name="customerEmail">The customer's address: their mail is what we answer.</param>
    /// <param name="messageId">The Message-ID of the email being sent.</param>
    /// <param name="templateSubject">The subject the email's template gives, used when the conversation has none yet.</param>
    public ThreadedHeaders For(string incidentId, string customerEmail, string messageId, string templateSubject)
    {
        var subject = Subject is null || (StartedByUs && Messages.FirstOrDefault(m => m.Kind == ThreadMessageKind.Sent)?.MessageId == messageId)
            ? Subject ?? templateSubject
            : StartedByUs ? "Re: " + Subject : $"Re: {Subject} [{incidentId}]";
        var visible = Messages.Where(m => m.Kind is ThreadMessageKind.Received or ThreadMessageKind.Sent && m.MessageId != messageId).ToList();
        var answered = visible.LastOrDefault(m => m.Kind == ThreadMessageKind.Received && m.From.Equals(customerEmail, StringComparison.OrdinalIgnoreCase))
            ?? visible.LastOrDefault(m => m.Kind == ThreadMessageKind.Received)
            ?? visible.FirstOrDefault(m => m.Kind == ThreadMessageKind.Sent);
        var references = visible.Count <= MaxReferences ? visible : [visible[0], .. visible[^(MaxReferences - 1)..]];
        return new ThreadedHeaders(subject, answered?.MessageId, [.. references.Select(m => m.MessageId)]);
    }
}

/// <summary>The threading headers of one outgoing email.</summary>
/// <param name="Subject">The conversation's stable subject.</param>
/// <param name="InReplyTo">The Message-ID it answers, if any.</param>
/// <param name="References">The conversation's Message-IDs, oldest first.</param>
public sealed record ThreadedHeaders(string Subject, string? InReplyTo, IReadOnlyList<string> References);

/// <summary>
/// Every Message-ID of every incident's conversation, received or sent, so that a reply naming any of
/// them joins its incident — a spouse's reply-all to the customer's first mail included — and every
/// email we send answers the customer's last one. See docs/table-design.md (<c>MailThreads</c>).
/// </summary>
public sealed partial class MailThreads(StorageAccount account)
{
    internal const string TableName = "MailThreads";
    private const string SubjectRow = "subject";

    // A longer subject is no one's real subject and would overflow a table property (64 KiB).
    private const int MaxSubjectLength = 250;

    // RFC 5322's line limit: a longer "Message-ID" cannot be one, so it names no conversation.
    private const int MaxMessageIdLength = 998;
    private const string MessagePrefix = "message|";

    private readonly TableClient table = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Remembers <paramref name="messageId"/> as part of <paramref name="incidentId"/>'s conversation, and
    /// <paramref name="subject"/> as its subject when it has none yet. Idempotent: a retry rewrites the same rows.
    /// </summary>
    /// <param name="incidentId">The incident.</param>
    /// <param name="messageId">The Message-ID, without angle brackets; null when the mail had none.</param>
    /// <param name="kind">How it came in.</param>
    /// <param name="from">Its sender.</param>
    /// <param name="at">When.</param>
    /// <param name="subject">The subject to keep if the conversation has none: the customer's first, or our first email's.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task RecordAsync(
        string incidentId, string? messageId, ThreadMessageKind kind, string from, DateTimeOffset at, string? subject, CancellationToken cancellationToken = default)
    {
        if (BaseSubject(subject) is { Length: > 0 } kept)
        {
            try
            {
                // Insert, never replace: the first subject is the conversation's for good.
                await table.AddEntityAsync(new TableEntity(Thread(incidentId), SubjectRow)
                {
                    ["Subject"] = Clip(kind == ThreadMessageKind.Sent ? subject!.Trim() : kept, MaxSubjectLength),
                    ["StartedByUs"] = kind == ThreadMessageKind.Sent,
                }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                // The conversation has its subject already.
            }
        }

        if (string.IsNullOrWhiteSpace(messageId) || messageId.Length > MaxMessageIdLength)
        {
            return;
        }

        var id = messageId.Trim().Trim('<', '>');
        await table.UpsertEntityAsync(new TableEntity(Message(id), "")
        {
            ["IncidentId"] = incidentId,
            ["MessageId"] = id,
        }, TableUpdateMode.Replace, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Thread(incidentId), MessagePrefix + Hash(id))
        {
            ["MessageId"] = id,
            ["Kind"] = kind.ToString(),
            ["From"] = Clip(from, EmailAddresses.MaxLength),
            ["At"] = at,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The incident whose conversation holds <paramref name="messageId"/>, or null.</summary>
    public async Task<string?> IncidentOfAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var id = messageId.Trim().Trim('<', '>');
        if (id.Length == 0)
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(Message(id), "", cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetString("MessageId") == id ? row.Value.GetString("IncidentId") : null;
    }

    /// <summary>The incident's conversation: one range read of its partition.</summary>
    public async Task<MailThread> ThreadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        string? subject = null;
        var startedByUs = false;
        List<ThreadMessage> messages = [];
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Thread(incidentId), cancellationToken: cancellationToken))
        {
            if (row.RowKey == SubjectRow)
            {
                subject = row.GetString("Subject");
                startedByUs = row.GetBoolean("StartedByUs") ?? false;
            }
            else
            {
                messages.Add(new ThreadMessage(
                    row.GetString("MessageId"), Enum.Parse<ThreadMessageKind>(row.GetString("Kind")), row.GetString("From") ?? "", row.GetDateTimeOffset("At")!.Value));
            }
        }

        return new MailThread(subject, startedByUs, [.. messages.OrderBy(m => m.At).ThenBy(m => m.MessageId, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Forgets <paramref name="incidentId"/>'s conversation (an erasure on request): its subject, every
    /// Message-ID and sender in it, and the rows that route a Message-ID to it. Returns how many
    /// Message-IDs were forgotten; a retry deletes only what is still there.
    /// </summary>
    public async Task<int> ForgetAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var forgotten = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Thread(incidentId), cancellationToken: cancellationToken))
        {
            if (row.RowKey != SubjectRow)
            {
                // The route first: a thread row left behind is found again by the retry.
                await table.DeleteEntityAsync(Message(row.GetString("MessageId")), "", ETag.All, cancellationToken);
                forgotten++;
            }

            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }

        return forgotten;
    }

    /// <summary>
    /// A subject without the reply and forward prefixes mail programs add in our languages and others
    /// (<c>Re:</c>, <c>R:</c>, <c>Odp:</c>, <c>SV:</c>, <c>Fwd:</c>, <c>I:</c>, <c>PD:</c>, <c>VS:</c>…) and without our incident tag.
    /// </summary>
    public static string BaseSubject(string? subject)
    {
        var text = IncidentTag().Replace(subject ?? "", " ");
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        while (SubjectPrefix().Match(text) is { Success: true } prefix)
        {
            text = text[prefix.Length..].TrimStart();
        }

        return text.Trim();
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    private static string Thread(string incidentId) => "thread|" + incidentId;

    private static string Message(string messageId) => "message|" + Hash(messageId);

    private static string Hash(string messageId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));

    [GeneratedRegex(@"\[\s*AMD-[0-9A-Za-z]{8}\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex IncidentTag();

    [GeneratedRegex(
        @"^(?:re|r|rif|aw|sv|odp|vs|fwd|fw|i|inoltro|pd|przekaż|przekaz|wg|tr|rv|antw|doorst)(?:\[\d+\])?\s*:",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SubjectPrefix();
}
