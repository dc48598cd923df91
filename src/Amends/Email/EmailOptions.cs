using System.ComponentModel.DataAnnotations;

namespace Amends.Email;

/// <summary>How customer emails are sent. Bound from <c>Amends:Email</c>.</summary>
public sealed class EmailOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Email";

    /// <summary>SendGrid API key; when empty, emails go to the local outbox instead.</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>The store's incidents address, used as sender and for replies (its display name is the store's, <c>Amends:Store:Name</c>).</summary>
    [Required, EmailAddress]
    public string FromAddress { get; set; } = "incidents@shop.example";

    /// <summary>
    /// The store's own language (en, it, pl, nb): customers are written to in it when the language of
    /// their email cannot be told (too short, or as much one language as another).
    /// </summary>
    [Required, RegularExpression("^(en|it|pl|nb)$")]
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>Folder of the local outbox (one <c>.eml</c> file per email).</summary>
    [Required]
    public string OutboxPath { get; set; } = ".amends/outbox";
}
