using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Amends.Notifications;

/// <summary>
/// Posts a notice to the team's chat through an incoming webhook: Slack takes <c>{"text": ...}</c>; Teams a
/// MessageCard (<c>@type</c>, <c>summary</c>, <c>text</c>). One post per call; the retries are the notifier's.
/// </summary>
public sealed class StaffWebhook(HttpClient http, IOptions<NotificationOptions> options)
{
    /// <summary>Whether a webhook is configured.</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.WebhookUrl);

    /// <summary>Posts <paramref name="text"/>; true when the webhook answered 2xx.</summary>
    public async Task<bool> PostAsync(string text, CancellationToken cancellationToken = default)
    {
        object payload = options.Value.WebhookFormat == WebhookFormat.Teams
            ? new Dictionary<string, string>
            {
                ["@type"] = "MessageCard",
                ["@context"] = "https://schema.org/extensions",
                ["summary"] = text.Length > 80 ? text[..80] : text,
                ["text"] = text,
            }
            : new Dictionary<string, string> { ["text"] = text };
        try
        {
            using var response = await http.PostAsJsonAsync(options.Value.WebhookUrl, payload, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
