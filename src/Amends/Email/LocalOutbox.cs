using Amends.Storefront;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Amends.Email;

/// <summary>
/// The embedded default for outgoing mail: each email becomes an <c>.eml</c> file in a folder, so a
/// developer can read exactly what a customer would have received.
/// </summary>
public sealed class LocalOutbox(IOptions<EmailOptions> options, IOptions<StoreIdentity> store, TimeProvider clock) : IEmailSender
{
    private readonly string folder = Path.GetFullPath(options.Value.OutboxPath);

    /// <inheritdoc />
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var message = new MimeMessage
        {
            MessageId = email.MessageId,
            Subject = email.Subject,
            Date = clock.GetUtcNow(),
            Body = Body(email),
        };
        message.From.Add(new MailboxAddress(store.Value.Name.Trim(), options.Value.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        message.InReplyTo = email.InReplyTo;
        foreach (var reference in email.References ?? [])
        {
            message.References.Add(reference);
        }

        // The name sorts by time and ends with the message id, so an email already in the outbox is not written again.
        var id = FileSafe(email.MessageId);
        if (Directory.EnumerateFiles(folder, $"*-{id}.eml").Any())
        {
            return;
        }

        var name = $"{clock.GetUtcNow():yyyyMMdd'T'HHmmssfffffff'Z'}-{id}.eml";
        var temporary = Path.Combine(folder, name + ".tmp");
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(folder, name), overwrite: true);

        // Two runs of one step may write at once (an activity redelivered after a crash while the first
        // run still works): every writer keeps the earliest file, so one email is left.
        foreach (var later in Directory.EnumerateFiles(folder, $"*-{id}.eml").Order(StringComparer.Ordinal).Skip(1))
        {
            File.Delete(later);
        }
    }

    /// <summary>The emails in the outbox, oldest first.</summary>
    public IReadOnlyList<OutboxEntry> List()
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. new DirectoryInfo(folder).EnumerateFiles("*.eml")
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new OutboxEntry(f.Name, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)))];
    }

    /// <summary>The raw text of one email, or null when there is no such file.</summary>
    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        // Only plain names of files in the outbox: never a path that leaves it.
        if (name != Path.GetFileName(name) || !name.EndsWith(".eml", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(folder, name);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
    }

    /// <summary>
    /// Deletes the emails about any of <paramref name="incidentIds"/> (their Message-ID, and so their
    /// file name, starts with the incident id) or sent to <paramref name="address"/>; returns how many.
    /// </summary>
    public async Task<int> ForgetAsync(IReadOnlyCollection<string> incidentIds, string address, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.eml").ToList())
        {
            var name = Path.GetFileName(file);
            var about = incidentIds.Any(id => name.Contains($"-{FileSafe(id)}.", StringComparison.Ordinal));
            if (about || await IsSentToAsync(file, address, cancellationToken))
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }

    private static async Task<bool> IsSentToAsync(string file, string address, CancellationToken cancellationToken)
    {
        try
        {
            using var message = await MimeMessage.LoadAsync(file, cancellationToken);
            return message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static MimeEntity Body(OutgoingEmail email)
    {
        if (email.Html is null && email.Attachments is not { Count: > 0 })
        {
            return new TextPart("plain") { Text = email.Body };
        }

        // Plain text first, HTML last: a mail program shows the last part it can (RFC 2046 multipart/alternative).
        var body = new BodyBuilder { TextBody = email.Body, HtmlBody = email.Html };
        foreach (var attachment in email.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        return body.ToMessageBody();
    }

    private static string FileSafe(string messageId) =>
        string.Concat(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}

/// <summary>One email in the local outbox.</summary>
/// <param name="Name">File name, to read it with.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="WrittenAt">When it was written.</param>
public sealed record OutboxEntry(string Name, long Size, DateTimeOffset WrittenAt);
