using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amends.Email;
using Amends.Storefront;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amends.Notifications;

/// <summary>
/// Sends what waits in the notice outbox, run every <see cref="NotificationOptions.DispatchInterval"/> by the hosts:
/// an email per notice (or a digest per interval) to the staff addresses, and a post to the chat webhook, retried
/// with back-off and, after the last attempt, given up and logged. A notice is claimed (an ETag-guarded lease)
/// before it is sent, so two dispatchers never send it both; every email's Message-ID is fixed by the notice, so
/// the local outbox keeps one. Nothing here runs inside an incident's workflow: a failing webhook holds up no incident.
/// </summary>
public sealed partial class StaffNotifier(
    StaffNotices notices, IEmailSender sender, StaffWebhook webhook, IOptions<NotificationOptions> options, IOptions<EmailOptions> email,
    IOptions<StoreIdentity> store, TimeProvider clock, ILogger<StaffNotifier> logger)
{
    /// <summary>How long a claim on a notice holds: a dispatcher that died while sending leaves it to the next after this.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => notices.Table;

    /// <summary>Sends every notice that is due; returns how many notices were done with (sent, given up or switched off).</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (settings.DigestInterval > TimeSpan.Zero && settings.Recipients.Count > 0)
        {
            await SendDigestAsync(settings, cancellationToken);
        }

        var done = 0;
        var pending = Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {StaffNotices.NoticePartition} and Pending eq true"), cancellationToken: cancellationToken);
        await foreach (var row in pending)
        {
            done += await SendAsync(row, settings, cancellationToken) ? 1 : 0;
        }

        return done;
    }

    private async Task<bool> SendAsync(TableEntity row, NotificationOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var notice = StaffNotices.ToNotice(row);
        var emailDue = row.GetBoolean("EmailPending") == true && settings.DigestInterval == TimeSpan.Zero;
        var webhookDue = row.GetBoolean("WebhookPending") == true && (row.GetDateTimeOffset("NextAttemptAt") ?? now) <= now;
        if (row.GetDateTimeOffset("LeaseUntil") > now || !(emailDue || webhookDue || !settings.IsOn(notice.Kind)))
        {
            return false;
        }

        // The claim: another dispatcher that read the same row now fails its update and leaves the row alone.
        row["LeaseUntil"] = now + Lease;
        if (await UpdateAsync(row, cancellationToken) is not { } claimed)
        {
            return false;
        }

        row.ETag = claimed;
        if (!settings.IsOn(notice.Kind))
        {
            row["EmailPending"] = false;
            row["WebhookPending"] = false;
            row["SwitchedOff"] = true;
        }
        else
        {
            if (emailDue)
            {
                await EmailAsync("notice." + Hash(row.RowKey), $"[{store.Value.Name}] {notice.Text}", notice.Text, settings, cancellationToken);
                row["EmailPending"] = false;
            }

            if (webhookDue)
            {
                await PostAsync(row, notice, settings, now, cancellationToken);
            }
        }

        if (settings.Recipients.Count == 0)
        {
            row["EmailPending"] = false;
        }

        row["Pending"] = row.GetBoolean("EmailPending") == true || row.GetBoolean("WebhookPending") == true;
        row.Remove("LeaseUntil");
        await UpdateAsync(row, cancellationToken);
        return row.GetBoolean("Pending") != true;
    }

    private async Task PostAsync(TableEntity row, StaffNotice notice, NotificationOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!webhook.Configured)
        {
            row["WebhookPending"] = false;
            return;
        }

        if (await webhook.PostAsync(notice.Text, cancellationToken))
        {
            row["WebhookPending"] = false;
            row["WebhookSentAt"] = now;
            return;
        }

        var attempts = (row.GetInt32("WebhookAttempts") ?? 0) + 1;
        row["WebhookAttempts"] = attempts;
        if (attempts >= settings.WebhookAttempts)
        {
            row["WebhookPending"] = false;
            row["WebhookFailed"] = true;
            LogWebhookGaveUp(logger, notice.Kind, notice.Subject, attempts);
            return;
        }

        row["NextAttemptAt"] = now + settings.WebhookRetryDelay * Math.Pow(2, attempts - 1);
        LogWebhookFailed(logger, notice.Kind, notice.Subject, attempts);
    }

    /// <summary>
    /// One email for every notice not yet emailed, at most once per <see cref="NotificationOptions.DigestInterval"/>. The
    /// digest's row lists its notices before any is marked or sent, so a dispatcher that dies part-way finishes the same
    /// digest next time instead of starting another.
    /// </summary>
    private async Task SendDigestAsync(NotificationOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<TableEntity> digests = [];
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == StaffNotices.DigestPartition, cancellationToken: cancellationToken))
        {
            digests.Add(row);
        }

        var digest = digests.FirstOrDefault(d => d.GetBoolean("Sent") != true);
        if (digest is null)
        {
            var last = digests.Select(d => d.GetDateTimeOffset("CreatedAt")).Max();
            if (last is { } lastAt && now - lastAt < settings.DigestInterval)
            {
                return;
            }

            List<TableEntity> waiting = [];
            await foreach (var row in Table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {StaffNotices.NoticePartition} and EmailPending eq true"), cancellationToken: cancellationToken))
            {
                if (settings.IsOn(StaffNotices.ToNotice(row).Kind))
                {
                    waiting.Add(row);
                }
            }

            if (waiting.Count == 0)
            {
                return;
            }

            digest = new TableEntity(StaffNotices.DigestPartition, now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture))
            {
                ["CreatedAt"] = now,
                ["Sent"] = false,
                ["Notices"] = JsonSerializer.Serialize(waiting.OrderBy(r => r.GetDateTimeOffset("At")).Select(r => r.RowKey), Json),
            };
            try
            {
                await Table.AddEntityAsync(digest, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                return;
            }
        }

        List<StaffNotice> listed = [];
        foreach (var rowKey in JsonSerializer.Deserialize<List<string>>(digest.GetString("Notices"), Json) ?? [])
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(StaffNotices.NoticePartition, rowKey, cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                continue;
            }

            var notice = row.Value!;
            listed.Add(StaffNotices.ToNotice(notice));
            if (notice.GetBoolean("EmailPending") == true)
            {
                // Merge touches only the email's state, so a webhook attempt recorded meanwhile is kept.
                await Table.UpdateEntityAsync(
                    new TableEntity(notice.PartitionKey, notice.RowKey)
                    {
                        ["EmailPending"] = false,
                        ["Digest"] = digest.RowKey,
                        ["Pending"] = notice.GetBoolean("WebhookPending") == true,
                    },
                    ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
        }

        var body = new StringBuilder();
        foreach (var notice in listed)
        {
            body.Append(CultureInfo.InvariantCulture, $"{notice.At:yyyy-MM-dd HH:mm} UTC  {notice.Text}\n");
        }

        await EmailAsync("digest." + digest.RowKey, $"[{store.Value.Name}] {listed.Count} incident notices", body.ToString(), settings, cancellationToken);
        await Table.UpdateEntityAsync(
            new TableEntity(digest.PartitionKey, digest.RowKey) { ["Sent"] = true, ["SentAt"] = clock.GetUtcNow() },
            ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    private async Task EmailAsync(string key, string subject, string body, NotificationOptions settings, CancellationToken cancellationToken)
    {
        var from = email.Value.FromAddress;
        var domain = from[(from.IndexOf('@', StringComparison.Ordinal) + 1)..];
        foreach (var to in settings.Recipients)
        {
            await sender.SendAsync(new OutgoingEmail($"{key}.{Hash(to)}@{domain}", to, "Staff", subject, body), cancellationToken);
        }
    }

    /// <summary>Writes <paramref name="row"/> if nobody changed it since it was read; its new ETag, or null when someone did.</summary>
    private async Task<ETag?> UpdateAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            return (await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff webhook failed for a {Kind} notice of {Subject} (attempt {Attempts}); it is tried again.")]
    private static partial void LogWebhookFailed(ILogger logger, StaffNoticeKind kind, string subject, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff webhook gave up on a {Kind} notice of {Subject} after {Attempts} attempts.")]
    private static partial void LogWebhookGaveUp(ILogger logger, StaffNoticeKind kind, string subject, int attempts);
}
