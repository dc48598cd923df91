using Amends.Incidents;
using Amends.Ledger;

namespace Amends.Reports;

/// <summary>What kind of incident a cost belongs to, so that what breaks is never mixed up with what customers send back by choice.</summary>
public enum ReportGroup
{
    /// <summary>Something broke or was wrong: defective, damaged in transit, a missing part, or the store's wrong item.</summary>
    Breakage,

    /// <summary>A return by the customer's choice: they changed their mind, or ordered the wrong item themselves.</summary>
    ByChoice,

    /// <summary>Everything else: not delivered, not as described, not yet diagnosed, and costs recorded before groups were kept.</summary>
    Other,
}

/// <summary>Which group an incident's costs count in.</summary>
public static class ReportGroups
{
    /// <summary>The group of an incident of <paramref name="category"/>, at fault <paramref name="responsibility"/>.</summary>
    public static ReportGroup Of(IncidentCategory category, Responsibility responsibility) => category switch
    {
        IncidentCategory.Defective or IncidentCategory.DamagedInTransit or IncidentCategory.MissingPart => ReportGroup.Breakage,
        IncidentCategory.WrongItem => responsibility == Responsibility.Customer ? ReportGroup.ByChoice : ReportGroup.Breakage,
        IncidentCategory.ChangedMind => ReportGroup.ByChoice,
        _ => ReportGroup.Other,
    };

    /// <summary>The group's name in routes and CSV (<c>breakage</c>, <c>byChoice</c>, <c>other</c>).</summary>
    public static string Name(ReportGroup group) => group switch
    {
        ReportGroup.Breakage => "breakage",
        ReportGroup.ByChoice => "byChoice",
        _ => "other",
    };
}

/// <summary>What some incidents cost: how many, what they cost (gross), what came back (income), and the difference.</summary>
/// <param name="Incidents">Incidents counted.</param>
/// <param name="Gross">Their costs, income left out.</param>
/// <param name="Income">Money that came back: restocking fees, recovered goods, carrier recoveries.</param>
public sealed record CostFigures(int Incidents, decimal Gross, decimal Income)
{
    /// <summary>Nothing.</summary>
    public static readonly CostFigures None = new(0, 0, 0);

    /// <summary>What the incidents cost the store in the end: gross less income.</summary>
    public decimal Net => Gross - Income;

    /// <summary>True when there is nothing to count or move.</summary>
    public bool IsNone => Incidents == 0 && Gross == 0 && Income == 0;

    /// <summary>The sum.</summary>
    public static CostFigures operator +(CostFigures left, CostFigures right) =>
        new(left.Incidents + right.Incidents, left.Gross + right.Gross, left.Income + right.Income);

    /// <summary>The difference.</summary>
    public static CostFigures operator -(CostFigures left, CostFigures right) =>
        new(left.Incidents - right.Incidents, left.Gross - right.Gross, left.Income - right.Income);

    /// <summary>The figures of one incident's <paramref name="lines"/>: it counts once when it has any.</summary>
    public static CostFigures Of(IReadOnlyCollection<CostLine> lines) =>
        lines.Count == 0
            ? None
            : new(1, lines.Where(l => !l.Kind.IsIncome()).Sum(l => l.Amount), lines.Where(l => l.Kind.IsIncome()).Sum(l => l.Amount));
}
