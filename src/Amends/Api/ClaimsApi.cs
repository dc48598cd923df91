using Amends.Claims;
using Amends.Incidents;
using Amends.Storage;
using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>
/// Claims against the carrier that damaged or lost a parcel: the claim of an incident, its details staff
/// correct, its steps (filed, accepted, paid, rejected), the claim pack PDF, and the claims report.
/// </summary>
public static class ClaimsApi
{
    private const decimal MaxAmount = 1_000_000;
    private const int MaxTextLength = 2_000;

    /// <summary>GET /api/v1/incidents/{id}/claim: the incident's carrier claim.</summary>
    public static async Task<IResult> GetAsync(string id, IncidentStore store, CarrierClaims claims, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return Problems.NotFound($"There is no incident {id}.");
        }

        return await claims.ViewAsync(incident, cancellationToken) is { } view
            ? TypedResults.Json(view, ApiJson.Options)
            : Problems.NotFound($"Incident {id} has no carrier claim: one opens when the carrier is found responsible.");
    }

    /// <summary>
    /// POST /api/v1/incidents/{id}/claim: opens the claim of an incident the carrier is responsible for (when
    /// the diagnosis has not opened it already), and corrects what the body gives of a claim not filed yet.
    /// </summary>
    public static async Task<IResult> OpenAsync(string id, HttpRequest request, IncidentStore store, CarrierClaims claims, TimeProvider clock, CancellationToken cancellationToken)
    {
        var correction = new ClaimCorrection();
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await ApiBody.ReadAsync<ClaimRequest>(request, cancellationToken);
            if (body.Error is not null)
            {
                return body.Error;
            }

            if (Validate(body.Value!, clock.GetUtcNow()) is { } invalid)
            {
                return invalid;
            }

            var r = body.Value!;
            correction = new ClaimCorrection(NonEmpty(r.Carrier), NonEmpty(r.TrackingNumber), r.DeliveredAt, r.GoodsValue, r.Shipping, r.Amount);
        }

        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return Problems.NotFound($"There is no incident {id}.");
        }

        if (await claims.FindAsync(id, cancellationToken) is null)
        {
            if (incident.Responsibility != Responsibility.Carrier)
            {
                return Problems.Conflict($"Incident {id} is not the carrier's responsibility ({incident.Responsibility}): diagnose it as the carrier's first.");
            }

            await claims.OpenAsync(incident, cancellationToken);
        }

        return Answer(id, correction == new ClaimCorrection()
            ? new ClaimResult(ClaimOutcome.Done, await claims.FindAsync(id, cancellationToken), incident, null)
            : await claims.CorrectAsync(id, correction, cancellationToken), claims, incident);
    }

    /// <summary>
    /// POST /api/v1/incidents/{id}/claim/status: records that the claim was filed (optional carrier
    /// reference), accepted, paid (the amount, booked as a carrier recovery) or rejected (optional note);
    /// 409 for a step out of order.
    /// </summary>
    public static async Task<IResult> RecordStatusAsync(string id, HttpRequest request, CarrierClaims claims, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<ClaimStatusRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var r = body.Value!;
        Dictionary<string, string[]> errors = [];
        if (r.Status is null or ClaimStatus.Open || !Enum.IsDefined(r.Status.Value))
        {
            errors["status"] = ["Required: one of Filed, Accepted, Paid, Rejected."];
        }

        if (r.Status == ClaimStatus.Paid && r.Amount is not (> 0 and <= MaxAmount))
        {
            errors["amount"] = ["Required with status Paid: what the carrier paid, above 0 and at most 1,000,000."];
        }
        else if (r.Status != ClaimStatus.Paid && r.Amount is not null)
        {
            errors["amount"] = ["Only with status Paid."];
        }

        if (r.Reference is { Length: > 100 })
        {
            errors["reference"] = ["At most 100 characters."];
        }

        if (r.Note is { Length: > MaxTextLength })
        {
            errors["note"] = [$"At most {MaxTextLength} characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var result = await claims.RecordAsync(id, new ClaimStep(r.Status!.Value, clock.GetUtcNow(), NonEmpty(r.Reference), r.Amount, NonEmpty(r.Note)), cancellationToken);
        return Answer(id, result, claims, result.Incident);
    }

    /// <summary>GET /api/v1/incidents/{id}/claim/pack: the claim pack, one PDF to attach to the carrier's claim form.</summary>
    public static async Task<IResult> GetPackAsync(string id, IncidentStore store, CarrierClaims claims, ClaimPack pack, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return Problems.NotFound($"There is no incident {id}.");
        }

        if (await claims.ViewAsync(incident, cancellationToken) is not { } view)
        {
            return Problems.NotFound($"Incident {id} has no carrier claim.");
        }

        return TypedResults.File(await pack.DrawAsync(incident, view, cancellationToken), "application/pdf", $"claim-{id}.pdf");
    }

    /// <summary>
    /// GET /api/v1/reports/claims: by carrier, the claims, what was claimed, recovered, lost and is pending;
    /// <c>from</c> and <c>to</c> (ISO 8601 dates, both included) keep the claims opened in that range.
    /// </summary>
    public static async Task<IResult> ReportAsync(HttpRequest request, CarrierClaims claims, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        var from = Day(request.Query["from"], "from", errors);
        var to = Day(request.Query["to"], "to", errors);
        if (from > to)
        {
            errors["to"] = ["Not before from."];
        }

        return errors.Count > 0
            ? Problems.Invalid(errors)
            : ReportsApi.Answer(await claims.ReportAsync(from, to?.AddDays(1), cancellationToken), request);
    }

    private static IResult Answer(string id, ClaimResult result, CarrierClaims claims, Incident? incident) => result switch
    {
        { Outcome: ClaimOutcome.NoIncident } => Problems.NotFound($"There is no incident {id}."),
        { Outcome: ClaimOutcome.NoClaim } => Problems.NotFound($"Incident {id} has no carrier claim: one opens when the carrier is found responsible."),
        { Outcome: ClaimOutcome.Refused } => Problems.Conflict(result.Refusal!),
        _ => TypedResults.Json(result.Claim!.View(incident!, claims.Options), ApiJson.Options),
    };

    private static IResult? Validate(ClaimRequest r, DateTimeOffset now)
    {
        Dictionary<string, string[]> errors = [];
        foreach (var (field, amount) in new[] { ("goodsValue", r.GoodsValue), ("shipping", r.Shipping), ("amount", r.Amount) })
        {
            if (amount is < 0 or > MaxAmount)
            {
                errors[field] = ["An amount from 0 to 1,000,000."];
            }
        }

        foreach (var (field, text) in new[] { ("carrier", r.Carrier), ("trackingNumber", r.TrackingNumber) })
        {
            if (text is { Length: > 100 })
            {
                errors[field] = ["At most 100 characters."];
            }
        }

        if (r.DeliveredAt > now)
        {
            errors["deliveredAt"] = ["Not in the future."];
        }

        return errors.Count > 0 ? Problems.Invalid(errors) : null;
    }

    private static DateTimeOffset? Day(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day, TimeOnly.MinValue, TimeSpan.Zero);
        }

        errors[field] = ["A date, e.g. 2026-11-01."];
        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>What staff correct on a carrier claim before filing it; every field is optional and an absent one stays as it is.</summary>
/// <param name="Carrier">The carrier claimed against, when it is not the resolution's.</param>
/// <param name="TrackingNumber">The tracking number of the original shipment.</param>
/// <param name="DeliveredAt">When that shipment was delivered: the carrier's deadline runs from it (else from the incident's creation).</param>
/// <param name="GoodsValue">What the goods were worth, when not the resolution's item price or replacement cost.</param>
/// <param name="Shipping">What the original shipment cost.</param>
/// <param name="Amount">The amount to claim, instead of goods + shipping + the replacement's shipping.</param>
public sealed record ClaimRequest(string? Carrier, string? TrackingNumber, DateTimeOffset? DeliveredAt, decimal? GoodsValue, decimal? Shipping, decimal? Amount);

/// <summary>The next step of a carrier claim.</summary>
/// <param name="Status">Filed, Accepted, Paid or Rejected.</param>
/// <param name="Reference">Optional: the carrier's number for the claim.</param>
/// <param name="Amount">With Paid, required: what the carrier paid.</param>
/// <param name="Note">Optional: e.g. why the carrier refused.</param>
public sealed record ClaimStatusRequest(ClaimStatus? Status, string? Reference, decimal? Amount, string? Note);
