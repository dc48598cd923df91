using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amends.Api;
using Amends.Money;
using Amends.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amends.StoreBackend;

/// <summary>
/// Tells the store's back end to refund or credit a customer: a JSON event posted with an HMAC-SHA256
/// signature of its raw body, so the store can trust it came from us. Each attempt is logged by
/// incident id and status only (no customer data in logs).
/// </summary>
public sealed partial class StoreBackendWebhook(HttpClient http, IOptions<StoreBackendOptions> options, IOptions<StoreCurrency> store, TimeProvider clock, ILogger<StoreBackendWebhook> logger)
{
    /// <summary>The header carrying <c>sha256=&lt;hex&gt;</c>, the signature of the raw body.</summary>
    public const string SignatureHeader = "X-Amends-Signature";

    /// <summary>The header carrying when the event was sent (Unix seconds), so the store can refuse stale replays.</summary>
    public const string TimestampHeader = "X-Amends-Timestamp";

    /// <summary>The currency of every amount the store is told (ISO 4217): the store's own.</summary>
    public string Currency => store.Value.Currency;

    /// <summary>
    /// What the store is to be told of <paramref name="instruction"/> (of the incident's order
    /// <paramref name="orderNumber"/>), with how often to try: its id is the idempotency id, so the store pays
    /// it once however often it is told.
    /// </summary>
    public StoreBackendNotice NoticeFor(PaymentInstruction instruction, string orderNumber)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var type = instruction.Kind == PaymentKind.StoreCredit ? "store-credit.requested" : "refund.requested";
        var settings = options.Value;
        return new StoreBackendNotice(
            new StoreBackendEvent(type, instruction.Id, instruction.IncidentId, orderNumber, instruction.Amount, instruction.Currency,
                PaymentInstruction.Slug(instruction.Kind), ConfirmationPath(instruction.Id)),
            settings.MaxAttempts,
            settings.FirstRetryDelay);
    }

    /// <summary>Where the store confirms <paramref name="instructionId"/> was paid, relative to Amends' base URL.</summary>
    public static string ConfirmationPath(string instructionId) =>
        $"{AmendsApi.Prefix}/store/payment-instructions/{Uri.EscapeDataString(instructionId)}/confirmation";

    /// <summary>
    /// Posts <paramref name="storeEvent"/> once. Retries are the <see cref="TellStoreBackend"/> orchestration's,
    /// on durable timers, so a restart between attempts loses none and no staff request waits for them.
    /// </summary>
    public async Task<StoreBackendAnswer> PostAsync(StoreBackendEvent storeEvent, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.WebhookUrl))
        {
            return new StoreBackendAnswer(StoreBackendOutcome.Skipped, null);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(storeEvent, ApiJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(settings.WebhookSecret ?? "", body));
        request.Headers.Add(TimestampHeader, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            LogAttempt(storeEvent.IncidentId, status);
            return new StoreBackendAnswer(response.IsSuccessStatusCode ? StoreBackendOutcome.Delivered : StoreBackendOutcome.Failed, status);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Unreachable or too slow is as transient as a 5xx: the orchestration waits and tries again.
            LogAttempt(storeEvent.IncidentId, null);
            return new StoreBackendAnswer(StoreBackendOutcome.Failed, null);
        }
    }

    /// <summary>The signature header's value for <paramref name="body"/>: <c>sha256=</c> and the lower-case hex HMAC-SHA256.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Whether <paramref name="signature"/> is ours for <paramref name="body"/> (what the store's back end checks).</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(signature));

    [LoggerMessage(Level = LogLevel.Information, Message = "Store back end webhook for incident {IncidentId}: status {Status}")]
    private partial void LogAttempt(string incidentId, int? status);
}

/// <summary>What the store's back end is asked to do.</summary>
/// <param name="Type"><c>refund.requested</c> or <c>store-credit.requested</c>.</param>
/// <param name="IdempotencyId">The payment instruction's id (incident id and kind): the store does it once however often it is told.</param>
/// <param name="IncidentId">The incident.</param>
/// <param name="OrderNumber">The store's order number.</param>
/// <param name="Amount">How much to refund or credit.</param>
/// <param name="Currency">The amount's currency.</param>
/// <param name="Kind">What the money is for: <c>refund</c>, <c>store-credit</c>, <c>return-refund</c> or <c>shipping-refund</c>.</param>
/// <param name="ConfirmationPath">Where the store posts its signed confirmation once it paid (relative to Amends' base URL).</param>
public sealed record StoreBackendEvent(
    string Type, string IdempotencyId, string IncidentId, string OrderNumber, decimal Amount, string Currency, string? Kind = null, string? ConfirmationPath = null);

/// <summary>An event for the store and how often to try it: the <see cref="TellStoreBackend"/> orchestration's input.</summary>
/// <param name="Event">The event.</param>
/// <param name="MaxAttempts">Posts before giving up.</param>
/// <param name="FirstRetryDelay">The wait before the first retry; each further one waits twice as long.</param>
/// <param name="Retry">The retry policy of its activities when they throw; null in instances started before it was carried.</param>
public sealed record StoreBackendNotice(StoreBackendEvent Event, int MaxAttempts, TimeSpan FirstRetryDelay, Workflow.StepRetry? Retry = null);

/// <summary>How telling the store went.</summary>
public enum StoreBackendOutcome
{
    /// <summary>The store answered 2xx.</summary>
    Delivered,

    /// <summary>No webhook URL configured: nothing sent.</summary>
    Skipped,

    /// <summary>Every attempt failed.</summary>
    Failed,
}

/// <summary>How one post to the store went.</summary>
/// <param name="Outcome">Delivered (2xx), failed (any other answer, or none), or skipped (no URL).</param>
/// <param name="Status">The HTTP status, if an answer came.</param>
public sealed record StoreBackendAnswer(StoreBackendOutcome Outcome, int? Status);

/// <summary>The outcome of telling the store, after every attempt it took.</summary>
/// <param name="Outcome">How it went.</param>
/// <param name="Attempts">How many posts were made.</param>
/// <param name="LastStatus">The last HTTP status, if any answer came.</param>
public sealed record StoreBackendDelivery(StoreBackendOutcome Outcome, int Attempts, int? LastStatus);
