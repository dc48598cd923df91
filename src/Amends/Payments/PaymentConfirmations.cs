using System.Globalization;
using Amends.Email;
using Amends.Incidents;
using Amends.Money;
using Amends.Resolve;
using Amends.Returns;
using Amends.Storage;
using Microsoft.DurableTask.Client;

namespace Amends.Payments;

/// <summary>
/// The store's word that it paid an instruction: the instruction turns confirmed, the customer is told the
/// amount actually paid (once), and a return's refund completes the return, which resolves the incident.
/// Every step is idempotent, so the store may repeat its call until it gets a 2xx; a repeated call finishes
/// whatever a failed one left undone.
/// </summary>
public sealed class PaymentConfirmations(
    PaymentInstructions instructions, IncidentStore store, CustomerMailer mailer, StaffActions staff, MoneyFormat money, TimeProvider clock)
{
    /// <summary>Confirms <paramref name="id"/>; null when there is no such instruction.</summary>
    public async Task<PaymentInstruction?> ConfirmAsync(string id, string? storeReference, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var instruction = await instructions.ChangeAsync(id, i => i.Status == PaymentStatus.Confirmed
            ? i
            : i with { Status = PaymentStatus.Confirmed, ConfirmedAt = now, StoreReference = storeReference ?? i.StoreReference }, cancellationToken);
        if (instruction is null || await store.FindAsync(instruction.IncidentId, cancellationToken) is not { Value: var incident })
        {
            return instruction;
        }

        var confirmedAt = instruction.ConfirmedAt ?? now;
        var slug = PaymentInstruction.Slug(instruction.Kind);
        var language = incident.Customer.Language;
        var delivery = await mailer.SendAsync(incident, "paid-" + slug, CustomerEmailKind.RefundSent, new Dictionary<string, object?>
        {
            ["kind"] = instruction.Kind.ToString(),
            ["amount"] = money.Format(instruction.Amount, language),
        }, cancellationToken);

        var text = string.Create(CultureInfo.InvariantCulture,
            $"Store confirmed {slug} {instruction.Amount:0.00} {instruction.Currency}{(instruction.StoreReference is { } r ? $" (ref {r})" : "")}; ")
            + (delivery == MailDelivery.NoAddress ? "no address to tell the customer." : "customer told.");
        List<TimelineEntry> entries =
            [new(IncidentStore.StepEntryId(confirmedAt, "paid-" + slug), TimelineEntryKind.PaymentConfirmed, confirmedAt, text, "amends",
                CustomerFacing: true, Delivered: delivery != MailDelivery.NoAddress)];

        // The return's last step: its refund paid and told, the incident is resolved and the workflow apologizes.
        var completesReturn = instruction.Kind == PaymentKind.ReturnRefund && incident.Return is { InProgress: true };
        var resolves = completesReturn && incident.Status == IncidentStatus.Open;
        if (resolves)
        {
            entries.Add(new TimelineEntry(IncidentStore.StepEntryId(confirmedAt.AddTicks(1), "return-resolved"), TimelineEntryKind.Resolved, confirmedAt,
                "Return completed: refund paid and the customer told.", "amends", CustomerFacing: false, Delivered: false));
        }

        await store.ChangeAsync(incident.Id, i => i with
        {
            LastCustomerContactAt = delivery == MailDelivery.Sent ? now : i.LastCustomerContactAt,
            Return = completesReturn && i.Return is { } parcel ? parcel with { Stage = ReturnStage.RefundSent, RefundSentAt = confirmedAt } : i.Return,
            Status = resolves && i.Status == IncidentStatus.Open ? IncidentStatus.Resolved : i.Status,
            ResolvedAt = resolves && i.Status == IncidentStatus.Open ? confirmedAt : i.ResolvedAt,
        }, entries, cancellationToken);

        // Resolved too: a retry after a failure that followed the stored change finds the incident resolved by it (#20).
        if (incident.Status != IncidentStatus.Closed)
        {
            await staff.WakeAsync(incident.Id, "PaymentConfirmed", workflows, cancellationToken);
        }

        return instruction;
    }
}
