using System.Globalization;
using System.Text;
using Amends.Email;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Intake;

namespace Amends.ReportProblem;

/// <summary>What the customer typed into the report form (trimmed), to check and to show again.</summary>
/// <param name="Order">The order number.</param>
/// <param name="Email">The email address.</param>
/// <param name="Name">Their name, when given.</param>
/// <param name="CategoryValue">The choice sent: a category's name, <see cref="SomethingElse"/>, or null.</param>
/// <param name="Description">What happened.</param>
/// <param name="Signature">The store's signature of a prefilled link, carried through the form.</param>
internal sealed record ReportFields(string Order, string Email, string Name, string? CategoryValue, string Description, string Signature)
{
    /// <summary>The choice "something else".</summary>
    public const string SomethingElse = "other";

    /// <summary>A form with nothing in it.</summary>
    public static ReportFields Empty { get; } = new("", "", "", null, "", "");

    /// <summary>The category chosen; <see cref="IncidentCategory.Unknown"/> for "something else".</summary>
    public IncidentCategory? Category =>
        CategoryValue == SomethingElse ? IncidentCategory.Unknown
        : CategoryPictures.Choices.Where(c => c != IncidentCategory.Unknown && c.ToString() == CategoryValue).Cast<IncidentCategory?>().FirstOrDefault();

    /// <summary>The form's fields from a multipart post.</summary>
    public static ReportFields From(IReadOnlyList<FormPart> parts) => new(
        Field(parts, "order")?.Trim() ?? "",
        Field(parts, "email")?.Trim() ?? "",
        Clip(Field(parts, "name")?.Trim() ?? "", 200),
        Field(parts, "category")?.Trim(),
        Field(parts, "description")?.Trim() ?? "",
        Field(parts, "sig")?.Trim() ?? "");

    /// <summary>What is wrong with the fields, in the customer's words; empty when they can be taken.</summary>
    public IReadOnlyList<string> Errors(ReportText text)
    {
        List<string> errors = [];
        if (Order.Length is 0 or > NewIncident.MaxOrderNumberLength)
        {
            errors.Add(text.ReportMissingOrder);
        }

        if (!EmailAddresses.IsMailbox(Email) || Email.Length > EmailAddresses.MaxLength)
        {
            errors.Add(text.ReportBadEmail);
        }

        if (Category is null)
        {
            errors.Add(text.ReportMissingCategory);
        }

        if (Description.Length == 0)
        {
            errors.Add(text.ReportMissingDescription);
        }
        else if (Description.Length > ReportPage.MaxDescriptionLength)
        {
            errors.Add(string.Format(CultureInfo.InvariantCulture, text.ReportTooLong, ReportPage.MaxDescriptionLength));
        }

        return errors;
    }

    private static string Clip(string text, int length) => text.Length > length ? text[..length] : text;

    /// <summary>A text field of the post; null when it was not sent.</summary>
    public static string? Field(IReadOnlyList<FormPart> parts, string name) =>
        parts.FirstOrDefault(p => p.FileName is null && p.Name == name) is { } part ? Encoding.UTF8.GetString(part.Content) : null;
}
