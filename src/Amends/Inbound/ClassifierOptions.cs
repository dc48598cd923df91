using System.ComponentModel.DataAnnotations;

namespace Amends.Inbound;

/// <summary>How the first guess reads customers' emails. Bound from <c>Amends:Classifier</c>.</summary>
public sealed class ClassifierOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Classifier";

    /// <summary>
    /// A folder of the store's own term files (<c>en.json</c>, <c>it.json</c>, <c>pl.json</c>, <c>nb.json</c>,
    /// shaped like the <c>terms.json</c> of each folder under <c>Languages</c>), whose terms are added to the shipped ones:
    /// a store extends the vocabulary without a rebuild. Empty for the shipped terms alone.
    /// </summary>
    public string? TermsPath { get; set; }

    /// <summary>
    /// Load all of Lingua's n-gram models (uni- to five-grams) to tell the language of very short
    /// mails more surely, at about 8 s and 220 MB more on first use; by default trigrams only.
    /// </summary>
    public bool AllLanguageModels { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(TermsPath) && !Directory.Exists(TermsPath))
        {
            yield return new ValidationResult($"Amends:Classifier:TermsPath '{TermsPath}' is not a folder.", [nameof(TermsPath)]);
        }
    }
}
