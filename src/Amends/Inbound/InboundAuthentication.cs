using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Amends.Inbound;

/// <summary>
/// Tells SendGrid's posts from anyone else's: SendGrid's signed webhook (ECDSA P-256 over the
/// timestamp followed by the raw body) when a public key is configured, otherwise the shared secret
/// in the URL. With neither configured, nothing is accepted.
/// </summary>
public sealed class InboundAuthentication(IOptions<InboundOptions> options)
{
    /// <summary>The header carrying the base64 DER signature.</summary>
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";

    /// <summary>The header carrying the timestamp that was signed with the body.</summary>
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    /// <summary>The query parameter carrying the shared secret.</summary>
    public const string SecretParameter = "key";

    private readonly byte[]? publicKey = Decode(options.Value.SignaturePublicKey);
    private readonly byte[]? secretHash = string.IsNullOrEmpty(options.Value.Secret) ? null : Hash(options.Value.Secret);

    /// <summary>True when posts are checked by signature, which needs the whole body first.</summary>
    public bool UsesSignature => publicKey is not null;

    /// <summary>Whether <paramref name="key"/> is the shared secret (compared in constant time).</summary>
    public bool IsSecret(string? key) =>
        secretHash is not null && key is not null && CryptographicOperations.FixedTimeEquals(Hash(key), secretHash);

    /// <summary>Whether <paramref name="signature"/> signs <paramref name="timestamp"/> followed by <paramref name="body"/>.</summary>
    public bool IsSigned(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (publicKey is null || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            return false;
        }

        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        var timestampBytes = Encoding.UTF8.GetBytes(timestamp);
        var signed = new byte[timestampBytes.Length + body.Length];
        timestampBytes.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(timestampBytes.Length));

        // One key object per check: ECDsa instances are not documented as thread-safe.
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(publicKey, out _);
        return ecdsa.VerifyData(signed, signatureBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>Whether <paramref name="key"/> is an ECDSA P-256 public key in base64 DER or PEM.</summary>
    public static bool IsValidPublicKey(string key)
    {
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(Decode(key) ?? [], out _);
            return ecdsa.KeySize == 256;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
    }

    // SendGrid shows the key as bare base64; a PEM copy has header lines around the same base64.
    private static byte[]? Decode(string? key) =>
        string.IsNullOrWhiteSpace(key)
            ? null
            : Convert.FromBase64String(string.Concat(key.Split('\n')
                .Select(line => line.Trim())
                .Where(line => !line.StartsWith("-----", StringComparison.Ordinal))));

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
