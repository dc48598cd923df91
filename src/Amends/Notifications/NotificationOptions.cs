using System.ComponentModel.DataAnnotations;

namespace Amends.Notifications;

/// <summary>What staff are told, how and when. Bound from <c>Amends:Notifications</c>.</summary>
public sealed class NotificationOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Notifications";

    /// <summary>
    /// The staff addresses that get notices, comma-separated; none, no email. The staff directory holds names and
    /// keys but no addresses, so the addresses are configured here.
    /// </summary>
    public string EmailTo { get; set; } = "";

    /// <summary>Zero for one email per notice; otherwise at most one digest email per this interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan DigestInterval { get; set; } = TimeSpan.Zero;

    /// <summary>A Slack or Teams incoming-webhook URL; empty, no webhook.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The payload the webhook takes: Slack's <c>{"text"}</c> or a Teams MessageCard.</summary>
    public WebhookFormat WebhookFormat { get; set; } = WebhookFormat.Slack;

    /// <summary>How often a notice is posted to the webhook before it is given up (and logged).</summary>
    [Range(1, 20)]
    public int WebhookAttempts { get; set; } = 5;

    /// <summary>The wait after the first failed post; it doubles after each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The kinds of notice not sent, comma-separated (e.g. <c>LowStock,Bounce</c>).</summary>
    public string Off { get; set; } = "";

    /// <summary>How long before the automatic silence update staff are warned that it will go out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan WarnBeforeSilenceUpdate { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How often the server sends what waits in the notice outbox (the Functions app: the NotificationSchedule setting).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(WebhookUrl)
            && !(Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
        {
            yield return new ValidationResult("WebhookUrl must be an absolute http(s) URL, or empty.", [nameof(WebhookUrl)]);
        }

        // A misspelt kind would switch nothing off, silently.
        foreach (var kind in Off.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<StaffNoticeKind>(kind, ignoreCase: true, out _))
            {
                yield return new ValidationResult($"Off names an unknown kind of notice: {kind}.", [nameof(Off)]);
            }
        }

        foreach (var address in Recipients)
        {
            if (!Email.EmailAddresses.IsMailbox(address))
            {
                yield return new ValidationResult("EmailTo holds an address that is not a mailbox.", [nameof(EmailTo)]);
            }
        }
    }

    /// <summary>The staff addresses, parsed.</summary>
    public IReadOnlyList<string> Recipients =>
        EmailTo.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether notices of <paramref name="kind"/> are sent.</summary>
    public bool IsOn(StaffNoticeKind kind) =>
        !Off.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(kind.ToString(), StringComparer.OrdinalIgnoreCase);
}

/// <summary>The incoming-webhook payload.</summary>
public enum WebhookFormat
{
    /// <summary>Slack: <c>{"text": "..."}</c>.</summary>
    Slack,

    /// <summary>Microsoft Teams: a legacy MessageCard with a summary and text.</summary>
    Teams,
}
