using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Amends.Orders;

/// <summary>What the three order sources share in reading an HTTP answer: refused credentials, waits asked for, and JSON fields.</summary>
internal static class StoreAnswers
{
    /// <summary>The lookup an unsuccessful answer comes to: refused (401, 403) or worth asking again later (429, 5xx, anything else).</summary>
    public static OrderLookupResult Failure(HttpResponseMessage response, string platform, TimeProvider clock) => response.StatusCode switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            new OrderLookupResult.Refused($"{platform} refused Amends' credentials (HTTP {(int)response.StatusCode})."),
        HttpStatusCode.TooManyRequests =>
            new OrderLookupResult.Unavailable($"{platform} asked Amends to slow down (HTTP 429).", RetryAfter(response, clock)),
        _ => new OrderLookupResult.Unavailable($"{platform} answered HTTP {(int)response.StatusCode}.", RetryAfter(response, clock)),
    };

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds or a date), when it does.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow() is { Ticks: > 0 } left ? left : TimeSpan.Zero,
            _ => null,
        };

    /// <summary>The order number as stores compare it: no leading <c>#</c> or spaces, any case.</summary>
    public static string Bare(string orderNumber) => orderNumber.Trim().TrimStart('#').Trim();

    /// <summary>Whether the store's number and the customer's name the same order.</summary>
    public static bool SameNumber(string? stored, string typed) =>
        stored is not null && string.Equals(Bare(stored), Bare(typed), StringComparison.OrdinalIgnoreCase);

    /// <summary>A string property, or null when missing, null or blank.</summary>
    public static string? Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
        !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;

    /// <summary>A child object or array, or an undefined element when missing.</summary>
    public static JsonElement Child(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>The items of an array property; none when it is missing or null.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>A number given as a JSON number or a string (stores do both for money), or 0.</summary>
    public static decimal Amount(this JsonElement element, string name) => element.Child(name) switch
    {
        { ValueKind: JsonValueKind.Number } number => number.GetDecimal(),
        { ValueKind: JsonValueKind.String } text when decimal.TryParse(text.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 0,
    };

    /// <summary>A date property; a date without an offset is UTC (WooCommerce's <c>_gmt</c> fields).</summary>
    public static DateTimeOffset? Date(this JsonElement element, string name) =>
        element.Text(name) is { } text &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
}
