using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace Amends.Inbound;

/// <summary>
/// How SendGrid Inbound Parse posts are taken. The size limit and the store's own addresses are bound from <c>Amends:Inbound</c>;
/// the secret and the signature key are <c>Amends:InboundSecret</c> and
/// <c>Amends:InboundSignaturePublicKey</c>, as the deployment names them.
/// </summary>
public sealed class InboundOptions : IValidatableObject
{
    /// <summary>The configuration section of the limits.</summary>
    public const string Section = "Amends:Inbound";

    /// <summary>The configuration key of <see cref="Secret"/>.</summary>
    public const string SecretKey = "Amends:InboundSecret";

    /// <summary>The configuration key of <see cref="SignaturePublicKey"/>.</summary>
    public const string SignaturePublicKeyKey = "Amends:InboundSignaturePublicKey";

    /// <summary>SendGrid's own cap on a message: 30 MB.</summary>
    public const long DefaultMaxRequestBytes = 30L * 1024 * 1024;

    /// <summary>
    /// The shared secret SendGrid passes as <c>?key=</c> in the webhook URL; used when no signature
    /// key is configured. At least 16 characters.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The public key of SendGrid's signed webhook (base64 DER, or PEM), ECDSA P-256. When set, every
    /// post must carry a valid signature and the secret is not enough.
    /// </summary>
    public string? SignaturePublicKey { get; set; }

    /// <summary>The largest post taken, in bytes; larger posts get 413.</summary>
    [Range(64 * 1024, 200L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>
    /// The store's own addresses (comma-separated), e.g. the owner's: mail they forward to the incidents
    /// address is the forwarded customer's, and nothing is ever sent back to them.
    /// </summary>
    public string StoreAddresses { get; set; } = "";

    /// <summary>The store's own domains (comma-separated): every address at them counts as one of <see cref="StoreAddresses"/>.</summary>
    public string StoreDomains { get; set; } = "";

    /// <summary>Whether <paramref name="address"/> is one of the store's own, by address or domain.</summary>
    public bool IsStoreAddress(string? address)
    {
        var trimmed = address?.Trim() ?? "";
        var at = trimmed.LastIndexOf('@');
        return at > 0 && (List(StoreAddresses).Contains(trimmed, StringComparer.OrdinalIgnoreCase)
            || List(StoreDomains).Contains(trimmed[(at + 1)..], StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The most attachments read from one message; later ones are not decoded or checked, only counted
    /// and named in one timeline entry. Bounds the work of one post whatever it holds.
    /// </summary>
    [Range(1, 500)]
    public int MaxAttachments { get; set; } = 20;

    /// <summary>
    /// The most MIME entities (parts, multiparts, attached messages) read from a raw message; the message
    /// is read up to there and the rest counted as not read.
    /// </summary>
    [Range(10, 10_000)]
    public int MaxMimeParts { get; set; } = 200;

    /// <summary>
    /// The deepest MIME nesting parsed (MimeKit's <c>ParserOptions.MaxMimeDepth</c>): anything deeper is one
    /// opaque part, never a stack of recursion. Real mail nests 3 or 4 deep, forwarded mail a few more.
    /// </summary>
    [Range(4, 256)]
    public int MaxMimeDepth { get; set; } = 24;

    /// <summary>
    /// How many posts one instance takes at once. Each may hold <see cref="MaxRequestBytes"/> in memory
    /// (the body, then its parts), so this times that is the inbound route's memory bound.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentPosts { get; set; } = 4;

    /// <summary>How long a post waits for a free place before it is answered 503 with Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan AdmissionWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var address in List(StoreAddresses).Where(a => !MailAddress.TryCreate(a, out var parsed) || parsed.Address != a))
        {
            yield return new ValidationResult($"Amends:Inbound:StoreAddresses: '{address}' is not an email address.", [nameof(StoreAddresses)]);
        }

        foreach (var domain in List(StoreDomains).Where(d => Uri.CheckHostName(d) != UriHostNameType.Dns || !d.Contains('.', StringComparison.Ordinal)))
        {
            yield return new ValidationResult($"Amends:Inbound:StoreDomains: '{domain}' is not a domain name (e.g. shop.example).", [nameof(StoreDomains)]);
        }

        if (!string.IsNullOrEmpty(Secret) && Secret.Length < 16)
        {
            yield return new ValidationResult("Amends:InboundSecret must be at least 16 characters.", [nameof(Secret)]);
        }

        if (!string.IsNullOrWhiteSpace(SignaturePublicKey) && !InboundAuthentication.IsValidPublicKey(SignaturePublicKey))
        {
            yield return new ValidationResult(
                "Amends:InboundSignaturePublicKey is not an ECDSA P-256 public key (base64 DER or PEM).", [nameof(SignaturePublicKey)]);
        }
    }

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
