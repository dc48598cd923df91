using Amends.Ledger;
using Amends.Money;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Amends.Api;

/// <summary>One incident's ledger, so staff see what it cost and what came back, line by line. Both hosts call this same method.</summary>
public static class LedgerApi
{
    /// <summary>GET /api/v1/incidents/{id}/ledger: the incident's ledger lines (costs and income, none of amount 0) and their totals.</summary>
    public static async Task<IResult> GetAsync(string id, IncidentStore store, CostLedger ledger, IOptions<StoreCurrency> currency, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound($"There is no incident {id}.");
        }

        var lines = (await ledger.ForIncidentAsync(id, cancellationToken))
            .Where(l => l.Amount != 0)
            .OrderBy(l => l.Date)
            .ThenBy(l => l.Kind)
            .Select(l => new LedgerLine(l.Kind, l.Kind.IsIncome(), l.Amount, l.Date))
            .ToList();
        var gross = lines.Where(l => !l.Income).Sum(l => l.Amount);
        var income = lines.Where(l => l.Income).Sum(l => l.Amount);
        return TypedResults.Json(new IncidentLedger(id, currency.Value.Currency, lines, gross, income, gross - income), ApiJson.Options);
    }
}

/// <summary>One line of an incident's ledger.</summary>
/// <param name="Kind">What the money was for.</param>
/// <param name="Income">True when it came back to the store (a restocking fee, goods recovered, a carrier's payment).</param>
/// <param name="Amount">How much (always positive; income reduces the net cost).</param>
/// <param name="Date">When it arose.</param>
public sealed record LedgerLine(CostKind Kind, bool Income, decimal Amount, DateTimeOffset Date);

/// <summary>An incident's ledger: its lines, and what it cost in the end.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Currency">The ISO 4217 code every amount is in.</param>
/// <param name="Lines">Its lines, oldest first.</param>
/// <param name="GrossCost">Its costs, before income.</param>
/// <param name="Income">What came back.</param>
/// <param name="NetCost">Gross cost less income.</param>
public sealed record IncidentLedger(string IncidentId, string Currency, IReadOnlyList<LedgerLine> Lines, decimal GrossCost, decimal Income, decimal NetCost);
