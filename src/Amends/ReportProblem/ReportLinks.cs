using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Amends.ReportProblem;

/// <summary>
/// What the report page signs and checks: the store's prefilled links (<c>/report?order=…&amp;email=…&amp;sig=…</c>,
/// signed by the store's back end with <see cref="ReportPageOptions.PrefillSecret"/>) and the page's own form
/// token (<c>{expiry}.{nonce}.{mac}</c>, signed with the customer-link key): a post without a token we made
/// did not come from our page, and the nonce is the report's idempotency key, so a form sent twice opens one incident.
/// </summary>
public sealed class ReportLinks(CustomerLinks.CustomerLinks links, IOptions<ReportPageOptions> options, TimeProvider clock)
{
    private const int MaxTokenLength = 200;

    /// <summary>
    /// The signature of a prefilled link: lowercase hex of HMAC-SHA256 over <c>{order}\n{email}</c> (UTF-8, the
    /// email in lowercase), keyed with <paramref name="secret"/>. The store's back end computes the same.
    /// </summary>
    public static string PrefillSignature(string secret, string order, string email)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(email);
        var payload = Encoding.UTF8.GetBytes($"{order.Trim()}\n{email.Trim().ToLowerInvariant()}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    /// <summary>Whether <paramref name="signature"/> is the store's signature of this order and email; false when no secret is set.</summary>
    public bool IsSignedByStore(string? order, string? email, string? signature)
    {
        if (options.Value.PrefillSecret is not { Length: > 0 } secret || string.IsNullOrWhiteSpace(order) || string.IsNullOrWhiteSpace(email) ||
            signature is not { Length: 64 })
        {
            return false;
        }

        var expected = PrefillSignature(secret, order, email);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature.ToLowerInvariant()), Encoding.ASCII.GetBytes(expected));
    }

    /// <summary>A new form token, valid for <see cref="ReportPageOptions.FormLifetime"/>.</summary>
    public string NewFormToken()
    {
        var expiry = (clock.GetUtcNow() + options.Value.FormLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var payload = $"{expiry}.{nonce}";
        return $"{payload}.{links.FormKey("report\n" + payload)}";
    }

    /// <summary>The token's nonce when we signed it and it has not expired; null otherwise.</summary>
    public string? CheckFormToken(string? token)
    {
        if (token is not { Length: > 0 and <= MaxTokenLength } || token.Split('.') is not [var expiry, var nonce, var mac] ||
            !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            !links.IsFormKey("report\n" + expiry + "." + nonce, mac))
        {
            return null;
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() < seconds ? nonce : null;
    }
}
