using System.ComponentModel.DataAnnotations;

namespace Amends.StoreBackend;

/// <summary>
/// Where the store's back end hears about refunds and store credit (<c>Amends:StoreBackend</c>). Amends
/// holds no payment credentials: it tells the store, and the store pays. No URL: nothing is sent.
/// </summary>
public sealed class StoreBackendOptions : IValidatableObject
{
    /// <summary>The shortest secret accepted: shorter ones are guessable.</summary>
    public const int MinSecretLength = 16;

    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:StoreBackend";

    /// <summary>The store's endpoint the signed events are posted to; empty to send none.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The shared secret the body is signed with (HMAC-SHA256); the store checks it.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How many times an event is posted before giving up.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The wait before the first retry; each further retry waits twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A signature made with an empty or short secret proves nothing to the store.
        if (!string.IsNullOrWhiteSpace(WebhookUrl) && (WebhookSecret?.Length ?? 0) < MinSecretLength)
        {
            yield return new ValidationResult(
                $"Set a webhook secret of at least {MinSecretLength} characters with the webhook URL.", [nameof(WebhookSecret)]);
        }
    }
}
