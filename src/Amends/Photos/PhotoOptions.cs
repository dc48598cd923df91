using System.ComponentModel.DataAnnotations;

namespace Amends.Photos;

/// <summary>
/// What photos and documents customers and staff may attach to an incident. Bound from
/// <c>Amends:Photos</c>; the same limits apply to email attachments and to the photos API.
/// </summary>
public sealed class PhotoOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Photos";

    /// <summary>
    /// The accepted types, comma-separated media types, judged by content (magic bytes), never by
    /// the file name or the declared type. Only types we can check and clean may be listed.
    /// </summary>
    [Required]
    public string AllowedTypes { get; set; } = "image/jpeg,image/png,image/heic,image/webp,application/pdf";

    /// <summary>The largest single file, in bytes.</summary>
    [Range(1024, 100L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>The most all accepted files of one message (or one upload) may weigh together, in bytes.</summary>
    [Range(1024, 200L * 1024 * 1024)]
    public long MaxMessageBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>The most files one message (or one upload) may add.</summary>
    [Range(1, 50)]
    public int MaxFiles { get; set; } = 10;

    /// <summary>The largest picture we decode, in pixels: a small file can claim a huge canvas.</summary>
    [Range(1_000_000, 400_000_000)]
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary><see cref="AllowedTypes"/> as a set.</summary>
    public IReadOnlySet<string> Allowed =>
        AllowedTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var type in Allowed.Where(t => !FileContent.Checkable.Contains(t)))
        {
            yield return new ValidationResult(
                $"'{type}' cannot be accepted: only {string.Join(", ", FileContent.Checkable)} can be checked by content.",
                [nameof(AllowedTypes)]);
        }

        if (MaxMessageBytes < MaxFileBytes)
        {
            yield return new ValidationResult("MaxMessageBytes must be at least MaxFileBytes.", [nameof(MaxMessageBytes)]);
        }
    }
}
