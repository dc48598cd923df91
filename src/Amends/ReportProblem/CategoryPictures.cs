using Amends.Incidents;

namespace Amends.ReportProblem;

/// <summary>
/// A small line drawing for each kind of problem, inline SVG in the page's text colour: nothing is
/// fetched, so the page loads no asset and the Content-Security-Policy stays <c>default-src 'none'</c>.
/// The words beside it name the choice; the picture is decoration (<c>aria-hidden</c>).
/// </summary>
internal static class CategoryPictures
{
    /// <summary>The choices in the order the page shows them, "something else" last.</summary>
    public static IReadOnlyList<IncidentCategory> Choices { get; } =
    [
        IncidentCategory.Defective, IncidentCategory.DamagedInTransit, IncidentCategory.MissingPart, IncidentCategory.WrongItem,
        IncidentCategory.NotDelivered, IncidentCategory.NotAsDescribed, IncidentCategory.ChangedMind, IncidentCategory.Unknown,
    ];

    /// <summary>The drawing for <paramref name="category"/>.</summary>
    public static string For(IncidentCategory category) =>
        "<svg viewBox=\"0 0 24 24\" width=\"40\" height=\"40\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.8\" " +
        "stroke-linecap=\"round\" stroke-linejoin=\"round\" aria-hidden=\"true\" focusable=\"false\">" + Paths(category) + "</svg>";

    private static string Paths(IncidentCategory category) => category switch
    {
        // A parcel with a crack through it.
        IncidentCategory.DamagedInTransit => "<path d=\"M3 7.5 12 3l9 4.5v9L12 21l-9-4.5z\"/><path d=\"M3 7.5 12 12l9-4.5M12 12v9\"/><path d=\"M15 9.5l-1.5 2.5 2 1.5-1.5 3\"/>",
        // A cup broken in two.
        IncidentCategory.Defective => "<path d=\"M5 6h12v7a6 6 0 0 1-12 0z\"/><path d=\"M17 8h1.5a2.5 2.5 0 0 1 0 5H17\"/><path d=\"M11 6l-1.5 4 2.5 2-1.5 5\"/>",
        // Four pieces, one of them missing.
        IncidentCategory.MissingPart => "<rect x=\"3\" y=\"3\" width=\"8\" height=\"8\" rx=\"1\"/><rect x=\"13\" y=\"3\" width=\"8\" height=\"8\" rx=\"1\"/><rect x=\"3\" y=\"13\" width=\"8\" height=\"8\" rx=\"1\"/><rect x=\"13\" y=\"13\" width=\"8\" height=\"8\" rx=\"1\" stroke-dasharray=\"2 2.2\"/>",
        // One thing swapped for another.
        IncidentCategory.WrongItem => "<path d=\"M4 8h15l-4-4\"/><path d=\"M20 16H5l4 4\"/>",
        // A delivery van and a question.
        IncidentCategory.NotDelivered => "<path d=\"M2 6h11v10H2z\"/><path d=\"M13 9h4l4 4v3h-8z\"/><circle cx=\"6\" cy=\"18\" r=\"2\"/><circle cx=\"17\" cy=\"18\" r=\"2\"/>",
        // Not equal.
        IncidentCategory.NotAsDescribed => "<path d=\"M5 9h14M5 15h14\"/><path d=\"M16 4 8 20\"/>",
        // Going back.
        IncidentCategory.ChangedMind => "<path d=\"M9 14 4 9l5-5\"/><path d=\"M4 9h11a5 5 0 0 1 0 10h-3\"/>",
        // A question mark.
        _ => "<circle cx=\"12\" cy=\"12\" r=\"9\"/><path d=\"M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6\"/><path d=\"M12 17h.01\"/>",
    };
}
