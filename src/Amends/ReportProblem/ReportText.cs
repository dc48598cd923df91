using Amends.Incidents;
using Amends.Languages;

namespace Amends.ReportProblem;

/// <summary>
/// The words of the report page in one language, from the <c>report…</c> keys of its folder's
/// <c>pages.json</c> (English's where the folder lacks one). Every value is HTML-encoded by the page.
/// </summary>
internal sealed record ReportText
{
    public string ReportTitle { get; init; } = "";

    public string ReportIntro { get; init; } = "";

    public string ReportLanguage { get; init; } = "";

    public string ReportOrderLabel { get; init; } = "";

    public string ReportEmailLabel { get; init; } = "";

    public string ReportNameLabel { get; init; } = "";

    public string ReportWhatHappened { get; init; } = "";

    public string ReportDamagedInTransit { get; init; } = "";

    public string ReportDefective { get; init; } = "";

    public string ReportMissingPart { get; init; } = "";

    public string ReportWrongItem { get; init; } = "";

    public string ReportNotDelivered { get; init; } = "";

    public string ReportNotAsDescribed { get; init; } = "";

    public string ReportChangedMind { get; init; } = "";

    public string ReportSomethingElse { get; init; } = "";

    public string ReportDescriptionLabel { get; init; } = "";

    public string ReportSend { get; init; } = "";

    public string ReportHoneypot { get; init; } = "";

    public string ReportNoMatch { get; init; } = "";

    public string ReportMissingOrder { get; init; } = "";

    public string ReportBadEmail { get; init; } = "";

    public string ReportMissingCategory { get; init; } = "";

    public string ReportMissingDescription { get; init; } = "";

    public string ReportTooLong { get; init; } = "";

    public string ReportTooMany { get; init; } = "";

    public string ReportThanks { get; init; } = "";

    public string ReportErrorsHeading { get; init; } = "";

    /// <summary>This language's name in itself, for the language switch.</summary>
    public string ReportLanguageName { get; init; } = "";

    /// <summary>The words in <paramref name="language"/>, English's where it lacks one.</summary>
    public static ReportText For(string? language) => PagesJson<ReportText>.For(language);

    /// <summary>The words for what happened, as the customer would say it; <see cref="IncidentCategory.Unknown"/> is "something else".</summary>
    public string Category(IncidentCategory category) => category switch
    {
        IncidentCategory.DamagedInTransit => ReportDamagedInTransit,
        IncidentCategory.Defective => ReportDefective,
        IncidentCategory.MissingPart => ReportMissingPart,
        IncidentCategory.WrongItem => ReportWrongItem,
        IncidentCategory.NotDelivered => ReportNotDelivered,
        IncidentCategory.NotAsDescribed => ReportNotAsDescribed,
        IncidentCategory.ChangedMind => ReportChangedMind,
        _ => ReportSomethingElse,
    };
}
