using System.Collections.Concurrent;
using Fluid;

namespace Amends.Email;

/// <summary>
/// Liquid templates (Fluid), one file per email kind and language, embedded in the assembly. A
/// template's first line is <c>Subject: …</c>; the rest after a blank line is the body.
/// </summary>
public sealed class EmailTemplates
{
    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<(CustomerEmailKind, string), IFluidTemplate> cache = new();

    /// <summary>Renders the email of <paramref name="kind"/> in <paramref name="language"/> with <paramref name="values"/>.</summary>
    /// <returns>The subject and the plain-text body.</returns>
    public (string Subject, string Body) Render(CustomerEmailKind kind, string language, IReadOnlyDictionary<string, object?> values)
    {
        var normalized = CustomerLanguage.Normalize(language);
        var template = cache.GetOrAdd((kind, normalized), Load);
        var context = new TemplateContext(new TemplateOptions { CultureInfo = CustomerLanguage.Culture(normalized) });
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value);
        }

        var text = template.Render(context).ReplaceLineEndings("\n");
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var subject = text[..newline].Trim();
        const string SubjectLabel = "Subject:";
        if (!subject.StartsWith(SubjectLabel, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Template {kind}/{normalized} does not start with '{SubjectLabel}'.");
        }

        return (subject[SubjectLabel.Length..].Trim(), text[(newline + 1)..].TrimStart('\n'));
    }

    private static IFluidTemplate Load((CustomerEmailKind Kind, string Language) key)
    {
        var file = string.Concat(key.Kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
        var resource = $"Amends.Email.Templates.{key.Language}.{file}.liquid";
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No email template {resource}.");
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();
        return Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Email template {resource} does not parse: {error}");
    }
}
