using MimeKit;

namespace Amends.Email;

/// <summary>
/// The one check of a customer's email address, wherever one comes in (the API, a form, a mail's
/// sender) or is about to be written to: exactly one mailbox, as MimeKit's RFC 5322 parser reads it.
/// A list (<c>a@example.com, b@evil.example</c>), a group, a display name, an address without a
/// domain or with control characters is refused, because whatever is accepted here gets our emails.
/// </summary>
public static class EmailAddresses
{
    /// <summary>The longest address SMTP can carry (RFC 5321: a 256-octet path, angle brackets included).</summary>
    public const int MaxLength = 254;

    /// <summary>The message every refusal gives, for the field that held the address.</summary>
    public const string Requirement = "One email address, like name@example.com: no name, list or group.";

    private static readonly ParserOptions Strict = CreateOptions();

    /// <summary>Whether <paramref name="value"/> is exactly one plain mailbox address (surrounding spaces aside).</summary>
    public static bool IsMailbox(string? value) => Parse(value) is not null;

    /// <summary>The address in <paramref name="value"/>, trimmed, or null when it is not exactly one plain mailbox.</summary>
    public static string? Parse(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || trimmed.Any(char.IsControl))
        {
            return null;
        }

        if (!MailboxAddress.TryParse(Strict, trimmed, out var mailbox) || mailbox.Route.Count > 0 || !string.IsNullOrEmpty(mailbox.Name))
        {
            return null;
        }

        // Only the bare address: anything the parser dropped (a comment, a second address) makes it another value.
        if (!string.Equals(mailbox.Address, trimmed, StringComparison.Ordinal))
        {
            return null;
        }

        var domain = mailbox.Domain;
        return mailbox.LocalPart.Length > 0 && domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.StartsWith('[')
            ? trimmed
            : null;
    }

    private static ParserOptions CreateOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.AddressParserComplianceMode = RfcComplianceMode.Strict;
        options.AllowAddressesWithoutDomain = false;
        options.AllowUnquotedCommasInAddresses = false;
        options.MaxAddressGroupDepth = 0;
        return options;
    }
}
