using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amends.Incidents;
using Amends.Ledger;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Amends.Claims;

/// <summary>
/// Claims against carriers, one per incident, in Table Storage: one partition (claims are few beside
/// incidents), one row per incident, so opening a claim twice finds the first (the row is added, never
/// upserted) and the sweep lists the claims still to file with one partition query. Every change is written
/// guarded by the row's ETag; the opening, each step and the reminder are noted on the incident's timeline
/// (staff only), whether the incident is still open or closed: carriers pay weeks after the customer has
/// their replacement.
/// </summary>
public sealed class CarrierClaims(StorageAccount account, IncidentStore store, CostLedger ledger, IOptions<ClaimOptions> options, TimeProvider clock)
{
    internal const string TableName = "CarrierClaims";
    private const string Partition = "claim";
    private const int Attempts = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly TableClient table = account.Table(TableName);

    /// <summary>The claim deadlines and reminder lead in force.</summary>
    public ClaimOptions Options => options.Value;

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The claim of <paramref name="incidentId"/>, or null when it has none.</summary>
    public async Task<CarrierClaim?> FindAsync(string incidentId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(incidentId, cancellationToken)).Claim;

    /// <summary>The claim of <paramref name="incident"/> as the API shows it, or null when it has none.</summary>
    public async Task<ClaimView?> ViewAsync(Incident incident, CancellationToken cancellationToken = default) =>
        (await FindAsync(incident.Id, cancellationToken))?.View(incident, options.Value);

    /// <summary>
    /// Opens the claim of <paramref name="incident"/>, whose carrier is responsible; a claim already open
    /// (or further on) is returned as it is, so however often this is called, an incident gets one claim
    /// and one "opened" note.
    /// </summary>
    public async Task<CarrierClaim> OpenAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var now = clock.GetUtcNow();
        var claim = new CarrierClaim(incident.Id, ClaimStatus.Open, now);
        try
        {
            await table.AddEntityAsync(ToEntity(claim), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            return (await FindAsync(incident.Id, cancellationToken))!;
        }

        var view = claim.View(incident, options.Value);
        await NoteAsync(incident.Id, now, "opened", string.Create(CultureInfo.InvariantCulture,
            $"Carrier claim opened against {view.Carrier ?? "the carrier"}: file it by {view.Deadline:yyyy-MM-dd} (claim pack ready to download)."), "amends", cancellationToken);
        return claim;
    }

    /// <summary>Corrects what staff know of a claim not filed yet; a null field stays as it was.</summary>
    public async Task<ClaimResult> CorrectAsync(string incidentId, ClaimCorrection correction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(correction);
        return await ChangeAsync(incidentId, (claim, _, _) => claim.Status != ClaimStatus.Open
            ? Refuse($"The claim of {incidentId} is {claim.Status.ToString().ToLowerInvariant()}: its details were fixed when it was filed.")
            : Accept(claim with
            {
                Carrier = correction.Carrier ?? claim.Carrier,
                TrackingNumber = correction.TrackingNumber ?? claim.TrackingNumber,
                DeliveredAt = correction.DeliveredAt ?? claim.DeliveredAt,
                GoodsValue = correction.GoodsValue ?? claim.GoodsValue,
                Shipping = correction.Shipping ?? claim.Shipping,
                Amount = correction.Amount ?? claim.Amount,
            }), cancellationToken);
    }

    /// <summary>
    /// Records the next step of a claim: filed (its amount, carrier and goods value are then fixed), accepted,
    /// paid (the amount becomes a <see cref="CostKind.CarrierRecovery"/> ledger line) or rejected. The same step
    /// again changes nothing (a paid claim's ledger line is written again, which the ledger ignores); any other
    /// step out of order is refused.
    /// </summary>
    public async Task<ClaimResult> RecordAsync(string incidentId, ClaimStep step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        var result = await ChangeAsync(incidentId, (claim, incident, view) => Step(claim, view, step), cancellationToken);
        if (result is { Outcome: ClaimOutcome.Done, Claim: { Status: ClaimStatus.Paid } paid } && result.Incident is { } incident)
        {
            // After the claim is stored: should the ledger fail, recording "paid" again books the line.
            await ledger.RecordAsync([CostLine.Of(incident, CostKind.CarrierRecovery, paid.PaidAmount ?? 0, paid.PaidAt ?? clock.GetUtcNow(), paid.Carrier)], cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// The sweep's part: for every claim not filed yet whose deadline is within <see cref="ClaimOptions.ReminderLead"/>
    /// (or past), flags its incident for staff with a timeline note, once per claim. Claims of incidents whose
    /// responsibility staff moved away from the carrier are left alone.
    /// </summary>
    /// <returns>How many reminders it gave.</returns>
    public async Task<int> RemindAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var reminded = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {nameof(ClaimStatus.Open)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var claim = FromEntity(row);
            if (claim.RemindedAt is not null || await store.FindAsync(claim.IncidentId, cancellationToken) is not { Value: { Responsibility: Responsibility.Carrier } incident })
            {
                continue;
            }

            var view = claim.View(incident, options.Value);
            if (now < view.RemindFrom)
            {
                continue;
            }

            var text = now < view.Deadline
                ? string.Create(CultureInfo.InvariantCulture, $"Carrier claim not filed yet: {view.Carrier ?? "the carrier"} takes it until {view.Deadline:yyyy-MM-dd}. File it now (claim pack ready), or note why not.")
                : string.Create(CultureInfo.InvariantCulture, $"Carrier claim not filed, and its deadline ({view.Deadline:yyyy-MM-dd}) has passed: file it at once if {view.Carrier ?? "the carrier"} still takes it, or record it rejected.");

            // Keyed by the claim's opening, so a sweep that stops between the two writes rewrites the same note.
            await store.ChangeAsync(claim.IncidentId, i => i.Raise(AttentionKind.ClaimDeadline, now, view.Carrier),
                [new TimelineEntry(IncidentStore.StepEntryId(claim.OpenedAt, "claim-reminder"), TimelineEntryKind.InternalNote, now, text, "amends", CustomerFacing: false, Delivered: false)],
                cancellationToken);
            try
            {
                await table.UpdateEntityAsync(ToEntity(claim with { RemindedAt = now }), row.ETag, TableUpdateMode.Replace, cancellationToken);
                reminded++;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                // Staff changed the claim meanwhile (e.g. filed it); the next sweep looks again.
            }
        }

        return reminded;
    }

    /// <summary>By carrier: how many claims, what was claimed, recovered, lost and is still pending; of the claims opened from <paramref name="from"/> until before <paramref name="until"/> when given.</summary>
    public async Task<ClaimsReport> ReportAsync(DateTimeOffset? from = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default)
    {
        List<ClaimView> views = [];
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            var claim = FromEntity(row);
            if (claim.OpenedAt < from || claim.OpenedAt >= until)
            {
                continue;
            }

            if (await store.FindAsync(claim.IncidentId, cancellationToken) is { } incident)
            {
                views.Add(claim.View(incident.Value, options.Value));
            }
        }

        return ClaimsReport.Of(views);
    }

    private static (CarrierClaim? Next, string? Refusal) Step(CarrierClaim claim, ClaimView view, ClaimStep step)
    {
        var name = step.Status.ToString().ToLowerInvariant();
        if (claim.Status == step.Status)
        {
            return step.Status == ClaimStatus.Paid && step.Amount is { } amount && amount != claim.PaidAmount
                ? Refuse(string.Create(CultureInfo.InvariantCulture, $"The claim of {claim.IncidentId} is already paid ({claim.PaidAmount:0.00}).")) : Accept(claim);
        }

        var allowed = (claim.Status, step.Status) switch
        {
            (ClaimStatus.Open, ClaimStatus.Filed) => true,
            (ClaimStatus.Filed, ClaimStatus.Accepted) => true,
            (ClaimStatus.Filed or ClaimStatus.Accepted, ClaimStatus.Paid or ClaimStatus.Rejected) => true,
            _ => false,
        };
        if (!allowed)
        {
            return Refuse($"The claim of {claim.IncidentId} is {claim.Status.ToString().ToLowerInvariant()}: it cannot be {name} now." +
                (claim.Status == ClaimStatus.Open ? " File it first." : ""));
        }

        var now = step.At;
        switch (step.Status)
        {
            case ClaimStatus.Filed:
                List<string> missing = [];
                if (view.Carrier is null)
                {
                    missing.Add("the carrier");
                }

                if (view.TrackingNumber is null)
                {
                    missing.Add("the tracking number of the original shipment");
                }

                if (view.ClaimedAmount <= 0)
                {
                    missing.Add("an amount above 0");
                }

                return missing.Count > 0
                    ? Refuse($"The claim of {claim.IncidentId} needs {string.Join(", ", missing)} before it is filed.")
                    : Accept(claim with
                    {
                        Status = ClaimStatus.Filed, FiledAt = now, Carrier = view.Carrier, GoodsValue = view.Goods, Amount = view.ClaimedAmount,
                        Reference = step.Reference ?? claim.Reference, Note = step.Note ?? claim.Note,
                    });
            case ClaimStatus.Accepted:
                return Accept(claim with { Status = ClaimStatus.Accepted, AcceptedAt = now, Reference = step.Reference ?? claim.Reference, Note = step.Note ?? claim.Note });
            case ClaimStatus.Paid:
                return Accept(claim with { Status = ClaimStatus.Paid, PaidAt = now, PaidAmount = step.Amount, Note = step.Note ?? claim.Note });
            default:
                return Accept(claim with { Status = ClaimStatus.Rejected, RejectedAt = now, Note = step.Note ?? claim.Note });
        }
    }

    private static (CarrierClaim? Next, string? Refusal) Accept(CarrierClaim claim) => (claim, null);

    private static (CarrierClaim? Next, string? Refusal) Refuse(string why) => (null, why);

    /// <summary>Reads the claim and its incident, decides, and writes the claim guarded by its ETag, again on a lost race.</summary>
    private async Task<ClaimResult> ChangeAsync(
        string incidentId, Func<CarrierClaim, Incident, ClaimView, (CarrierClaim? Next, string? Refusal)> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await store.FindAsync(incidentId, cancellationToken) is not { Value: var incident })
            {
                return new ClaimResult(ClaimOutcome.NoIncident, null, null, null);
            }

            var (claim, etag) = await ReadAsync(incidentId, cancellationToken);
            if (claim is null)
            {
                return new ClaimResult(ClaimOutcome.NoClaim, null, incident, null);
            }

            var (next, refusal) = decide(claim, incident, claim.View(incident, options.Value));
            if (next is null)
            {
                return new ClaimResult(ClaimOutcome.Refused, claim, incident, refusal);
            }

            if (next != claim)
            {
                try
                {
                    await table.UpdateEntityAsync(ToEntity(next), etag, TableUpdateMode.Replace, cancellationToken);
                }
                catch (RequestFailedException e) when (attempt < Attempts && e.Status == (int)HttpStatusCode.PreconditionFailed)
                {
                    continue;
                }

                if (next.Status != claim.Status)
                {
                    await NoteStepAsync(next, next.View(incident, options.Value), cancellationToken);
                }
            }

            return new ClaimResult(ClaimOutcome.Done, next, incident, null);
        }
    }

    private Task NoteStepAsync(CarrierClaim claim, ClaimView view, CancellationToken cancellationToken)
    {
        var carrier = view.Carrier ?? "the carrier";
        var (at, text) = claim.Status switch
        {
            ClaimStatus.Filed => (claim.FiledAt, string.Create(CultureInfo.InvariantCulture,
                $"Carrier claim filed with {carrier} for {view.ClaimedAmount:0.00}{(claim.Reference is { } r ? $", reference {r}" : "")}.")),
            ClaimStatus.Accepted => (claim.AcceptedAt, $"Carrier claim accepted by {carrier}."),
            ClaimStatus.Paid => (claim.PaidAt, string.Create(CultureInfo.InvariantCulture,
                $"Carrier claim paid by {carrier}: {claim.PaidAmount:0.00} of {view.ClaimedAmount:0.00} claimed, booked as a carrier recovery; {view.Lost:0.00} lost.")),
            _ => (claim.RejectedAt, string.Create(CultureInfo.InvariantCulture,
                $"Carrier claim rejected by {carrier}{(claim.Note is { } n ? $": {n}" : "")}; {view.ClaimedAmount:0.00} lost.")),
        };
        return NoteAsync(claim.IncidentId, at ?? clock.GetUtcNow(), claim.Status.ToString().ToLowerInvariant(), text, "staff", cancellationToken);
    }

    private async Task NoteAsync(string incidentId, DateTimeOffset at, string step, string text, string author, CancellationToken cancellationToken) =>
        await store.ChangeAsync(incidentId, i => i,
            [new TimelineEntry(IncidentStore.StepEntryId(at, "claim-" + step), TimelineEntryKind.InternalNote, at, text, author, CustomerFacing: false, Delivered: false)],
            cancellationToken);

    private async Task<(CarrierClaim? Claim, ETag ETag)> ReadAsync(string incidentId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, incidentId, cancellationToken: cancellationToken);
        return row.HasValue ? (FromEntity(row.Value!), row.Value!.ETag) : (null, default);
    }

    private static TableEntity ToEntity(CarrierClaim claim) => new(Partition, claim.IncidentId)
    {
        ["Status"] = claim.Status.ToString(),
        ["Claim"] = JsonSerializer.Serialize(claim, Json),
    };

    private static CarrierClaim FromEntity(TableEntity e) => JsonSerializer.Deserialize<CarrierClaim>(e.GetString("Claim"), Json)!;
}

/// <summary>What staff correct on a claim before filing it; null leaves a field as it is.</summary>
/// <param name="Carrier">The carrier claimed against.</param>
/// <param name="TrackingNumber">The original shipment's tracking number.</param>
/// <param name="DeliveredAt">When that shipment was delivered.</param>
/// <param name="GoodsValue">What the goods were worth.</param>
/// <param name="Shipping">What the original shipment cost.</param>
/// <param name="Amount">The amount to claim, instead of goods + shipping + the replacement's shipping.</param>
public sealed record ClaimCorrection(
    string? Carrier = null, string? TrackingNumber = null, DateTimeOffset? DeliveredAt = null, decimal? GoodsValue = null, decimal? Shipping = null, decimal? Amount = null);

/// <summary>A step of a claim, as staff record it.</summary>
/// <param name="Status">Filed, accepted, paid or rejected.</param>
/// <param name="At">When.</param>
/// <param name="Reference">The carrier's number for the claim.</param>
/// <param name="Amount">What the carrier paid (paid only).</param>
/// <param name="Note">Staff's note, e.g. why the carrier refused.</param>
public sealed record ClaimStep(ClaimStatus Status, DateTimeOffset At, string? Reference = null, decimal? Amount = null, string? Note = null);

/// <summary>How a change to a claim went.</summary>
public enum ClaimOutcome
{
    /// <summary>Recorded, or already so.</summary>
    Done,

    /// <summary>No incident with that number.</summary>
    NoIncident,

    /// <summary>The incident has no claim.</summary>
    NoClaim,

    /// <summary>The claim's state does not allow it; the refusal says why.</summary>
    Refused,
}

/// <summary>The outcome of a change to a claim.</summary>
/// <param name="Outcome">How it went.</param>
/// <param name="Claim">The claim as it now stands, when there is one.</param>
/// <param name="Incident">The incident, when there is one.</param>
/// <param name="Refusal">Why it was refused.</param>
public sealed record ClaimResult(ClaimOutcome Outcome, CarrierClaim? Claim, Incident? Incident, string? Refusal);
