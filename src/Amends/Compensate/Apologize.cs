using Amends.Email;
using Amends.Incidents;
using Amends.Money;
using Amends.Storage;
using Amends.Workflow;

namespace Amends.Compensate;

/// <summary>Emails the apology and thanks, naming the compensation.</summary>
public sealed class Apologize(IncidentStore store, CustomerMailer mailer, CustomerLinks.CustomerLinks links, TimeProvider clock, MoneyFormat money) : IWorkflowStep<Apology, bool>
{
    /// <summary>The activity name.</summary>
    public const string Name = "Apologize";

    /// <inheritdoc />
    public async Task<bool> RunAsync(Apology input)
    {
        if (await store.FindAsync(input.IncidentId) is not { Value: var incident })
        {
            return false;
        }

        var language = incident.Customer.Language;
        var compensation = input.Compensation;
        var satisfaction = await links.SatisfactionUrlsAsync(incident.Id);
        var delivery = await mailer.SendAsync(incident, incident.Round == 0 ? "apology" : $"apology-r{incident.Round}", CustomerEmailKind.Apology, new Dictionary<string, object?>
        {
            // The closing email's one-click satisfaction question: a signed link per score.
            ["satisfaction_1"] = satisfaction[0],
            ["satisfaction_2"] = satisfaction[1],
            ["satisfaction_3"] = satisfaction[2],
            ["satisfaction_4"] = satisfaction[3],
            ["satisfaction_5"] = satisfaction[4],
            ["code"] = compensation.DiscountCode,
            ["percent"] = compensation.Percent,
            ["valid_until"] = compensation.ValidUntil is { } until ? CustomerMailer.FormatDate(until, language) : null,
            ["shipping_refund"] = compensation.Outcome == CompensationKind.RefundedShipping
                ? money.Format(compensation.ShippingRefund, language) : null,
            ["gift"] = compensation.Outcome == CompensationKind.Gift ? compensation.Gift : null,
        });
        if (delivery == MailDelivery.NoAddress)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var text = compensation.Outcome switch
        {
            CompensationKind.Discount => $"Apology emailed with discount code {compensation.DiscountCode} ({compensation.Percent}%).",
            CompensationKind.RefundedShipping => $"Apology emailed; shipping refunded ({money.Format(compensation.ShippingRefund, "en")}).",
            CompensationKind.Gift => $"Apology emailed; gift: {compensation.Gift}.",
            _ => "Apology emailed; no compensation under the policy.",
        };

        // Recorded on a retry too (fixed entry id, so once): the first run may have died right after sending.
        await store.ChangeAsync(
            incident.Id,
            i => i with { LastCustomerContactAt = now },
            [new TimelineEntry(IncidentStore.StepEntryId((incident.ResolvedAt ?? now).AddTicks(1), "apology"), TimelineEntryKind.Apologized, now,
                text, "amends", CustomerFacing: true, Delivered: true)]);
        return delivery == MailDelivery.Sent;
    }
}

/// <summary>The apology to send for one incident.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Compensation">What the customer gets.</param>
public sealed record Apology(string IncidentId, Compensation Compensation);
