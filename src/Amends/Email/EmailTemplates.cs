using System.Collections.Concurrent;
using Amends.Languages;
using Fluid;

namespace Amends.Email;

/// <summary>
/// Liquid templates (Fluid), one file per email kind in each language's folder
/// (<c>Languages/{language}/emails/{kind}.liquid</c>). A template's first line is <c>Subject: …</c>;
/// the rest after a blank line is the body.
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
        var file = FileOf(key.Kind);
        var source = LanguageFolders.Read(key.Language, file)
            ?? throw new InvalidOperationException($"No email template {file} in the language folder {key.Language}.");
        return Parse(source, out var error) ?? throw new InvalidOperationException($"Email template {key.Language}/{file} does not parse: {error}");
    }

    /// <summary>The path of <paramref name="kind"/>'s template inside a language folder ("emails/return-reminder.liquid").</summary>
    internal static string FileOf(CustomerEmailKind kind) =>
        "emails/" + string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())) + ".liquid";

    /// <summary>The parsed template, or null with the parser's <paramref name="error"/>.</summary>
    internal static IFluidTemplate? Parse(string source, out string error) =>
        Parser.TryParse(source, out var template, out error) ? template : null;
}
