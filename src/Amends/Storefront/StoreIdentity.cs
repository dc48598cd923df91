using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Amends.Storefront;

/// <summary>
/// Who the customer is dealing with: the store's name, logo, contact and colour, shown on every customer
/// page and in every customer email. Bound from <c>Amends:Store</c>, beside the store's currency.
/// </summary>
public sealed partial class StoreIdentity : IValidatableObject
{
    /// <summary>The configuration section (shared with <see cref="Money.StoreCurrency"/>).</summary>
    public const string Section = "Amends:Store";

    /// <summary>The least contrast WCAG 2 AA asks of normal text: the colour carries white text and is used for links on white.</summary>
    public const double MinimumContrast = 4.5;

    /// <summary>The store's name: the From name of customer emails, their signature, and the pages' header.</summary>
    public string Name { get; set; } = "Customer care";

    /// <summary>An https address of the store's logo (a PNG or JPEG about 96 px high shows sharp at 48 px); none when empty.</summary>
    public string? LogoUrl { get; set; }

    /// <summary>Where customers can write to a person; none when empty.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>The store's phone number as customers dial it, e.g. <c>+39 02 1234 5678</c>; none when empty.</summary>
    public string? Phone { get; set; }

    /// <summary>The store's colour as <c>#rrggbb</c>: header, links and buttons.</summary>
    public string Colour { get; set; } = "#0b4fa8";

    /// <summary>The logo's address, when there is one.</summary>
    public Uri? Logo => string.IsNullOrWhiteSpace(LogoUrl) ? null : new Uri(LogoUrl.Trim());

    /// <summary>The phone number for a <c>tel:</c> link: digits and a leading plus only.</summary>
    public string? PhoneLink => string.IsNullOrWhiteSpace(Phone)
        ? null
        : string.Concat(Phone.Trim().Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            yield return Invalid(nameof(Name), $"'{Name}' must be the store's name, 1 to 100 characters.");
        }

        if (!string.IsNullOrWhiteSpace(LogoUrl)
            && !(Uri.TryCreate(LogoUrl.Trim(), UriKind.Absolute, out var logo) && logo.Scheme == Uri.UriSchemeHttps && logo.UserInfo.Length == 0))
        {
            // Mail programs block or warn about images over plain http, and the pages' content policy allows https images only.
            yield return Invalid(nameof(LogoUrl), $"'{LogoUrl}' must be an https address of an image, e.g. https://shop.example/logo.png.");
        }

        if (!string.IsNullOrWhiteSpace(ContactEmail) && !IsAddress(ContactEmail.Trim()))
        {
            yield return Invalid(nameof(ContactEmail), $"'{ContactEmail}' is not an email address.");
        }

        if (!string.IsNullOrWhiteSpace(Phone) && !PhoneShape().IsMatch(Phone.Trim()))
        {
            yield return Invalid(nameof(Phone), $"'{Phone}' is not a phone number: digits, spaces, '-', '.', '(', ')' and a leading '+', e.g. +39 02 1234 5678.");
        }

        if (!HexColour().IsMatch(Colour ?? ""))
        {
            yield return Invalid(nameof(Colour), $"'{Colour}' is not a hex colour: give it as #rrggbb, e.g. #0b4fa8.");
        }
        else if (ContrastWithWhite(Colour!) is var contrast and < MinimumContrast)
        {
            yield return Invalid(nameof(Colour), string.Create(CultureInfo.InvariantCulture,
                $"'{Colour}' is too light: white text on it, and links in it on white, have a contrast of {contrast:0.0}:1, and customers need at least {MinimumContrast}:1. Choose a darker shade."));
        }
    }

    /// <summary>The WCAG 2 contrast ratio between <paramref name="colour"/> (<c>#rrggbb</c>) and white.</summary>
    public static double ContrastWithWhite(string colour)
    {
        ArgumentNullException.ThrowIfNull(colour);
        double Channel(int at)
        {
            var value = int.Parse(colour.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }

        var luminance = (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
        return 1.05 / (luminance + 0.05);
    }

    private static bool IsAddress(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);

    private static ValidationResult Invalid(string member, string message) => new($"{Section}:{member} {message}", [member]);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();

    [GeneratedRegex(@"^\+?[0-9][0-9 ().\-]{3,30}$")]
    private static partial Regex PhoneShape();
}
