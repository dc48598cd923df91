using System.Globalization;
using System.Text.RegularExpressions;
using Amends.Email;
using Amends.Incidents;
using Amends.Money;
using Amends.Payments;
using Amends.Returns;
using Amends.Storage;
using Amends.Telemetry;
using Amends.Workflow;
using Microsoft.Extensions.Options;

namespace Amends.Silence;

/// <summary>
/// The silence timer's work, run each time the workflow wakes: deliver what staff wrote to the
/// customer, and if the customer still heard nothing for the silence limit, write to them ourselves
/// and flag the incident for staff. Storage is the truth: the decision is made on the last contact
/// time read here, never on what the orchestration believes.
/// </summary>
public sealed partial class KeepCustomerInformed(
    IncidentStore store, CustomerMailer mailer, ReturnLabels labels, IOptions<SilenceOptions> silence, TimeProvider clock, MoneyFormat money, PaymentInstructions payments)
    : IWorkflowStep<string, CustomerContact>
{
    /// <summary>The activity name.</summary>
    public const string Name = "KeepCustomerInformed";

    /// <inheritdoc />
    public async Task<CustomerContact> RunAsync(string input)
    {
        var limit = silence.Value.Limit;
        // Timeline first: an entry and its change to the incident commit together, so the incident read
        // after it already holds what the entry speaks of (e.g. the resolution it announces).
        var pending = (await store.TimelineAsync(input)).Where(e => e.CustomerFacing && !e.Delivered).ToList();
        if (await store.FindAsync(input) is not { Value: var incident })
        {
            return new CustomerContact(StillOpen: false, clock.GetUtcNow());
        }

        foreach (var entry in pending)
        {
            incident = await DeliverAsync(incident, entry, limit);
        }

        var now = clock.GetUtcNow();
        if (incident.Status != IncidentStatus.Open)
        {
            return new CustomerContact(StillOpen: false, now);
        }

        var returning = incident.Return is { InProgress: true };
        AmendsTelemetry.SilenceChecked(incident.LastCustomerContactAt + limit - now);
        if (now - incident.LastCustomerContactAt < limit)
        {
            return new CustomerContact(StillOpen: true, incident.LastCustomerContactAt + limit, returning);
        }

        // Keyed by the contact it follows: a retry of this activity finds the update already sent.
        var step = string.Create(CultureInfo.InvariantCulture, $"silence-{incident.LastCustomerContactAt.UtcTicks}");
        var standing = await WhereItStandsAsync(incident);
        standing["next_update"] = CustomerMailer.FormatDate(now + limit, incident.Customer.Language);
        var delivery = await mailer.SendAsync(incident, step, CustomerEmailKind.SilenceUpdate, standing);
        var contacted = await mailer.ContactedAtAsync(incident.Id, step, delivery, now);
        var text = delivery == MailDelivery.NoAddress
            ? "Silent for the silence limit and no address to write to; needs staff attention."
            : "Status update emailed after the silence limit; needs staff attention.";
        await store.ChangeAsync(
            incident.Id,
            i => (i with { LastCustomerContactAt = contacted }).Raise(AttentionKind.AutomaticUpdate, now),
            [new TimelineEntry(IncidentStore.StepEntryId(incident.LastCustomerContactAt + limit, "silence"), TimelineEntryKind.SilenceUpdate, now,
                text, "amends", CustomerFacing: true, Delivered: delivery != MailDelivery.NoAddress)]);
        return new CustomerContact(StillOpen: true, contacted + limit, returning);
    }

    private async Task<Incident> DeliverAsync(Incident incident, TimelineEntry entry, TimeSpan limit)
    {
        var now = clock.GetUtcNow();
        var language = incident.Customer.Language;
        Dictionary<string, object?> values = new()
        {
            ["message"] = entry.Text,
            ["next_update"] = CustomerMailer.FormatDate(now + limit, language),
        };
        var kind = CustomerEmailKind.StaffUpdate;
        IReadOnlyList<EmailAttachment>? attachments = null;
        if (entry.Kind == TimelineEntryKind.ResolutionChosen && incident.Resolution is { } resolution)
        {
            kind = CustomerEmailKind.Resolution;
            values["resolution"] = resolution.Type.ToString();
            values["amount"] = Money(resolution.RefundAmount, language);
            values["tracking"] = resolution.TrackingNumber;
            values["message"] = resolution.Note;
            if (resolution.Return is { } terms)
            {
                AddReturnTerms(values, terms, language);
                if (await labels.ReadAsync(incident.Id) is { } label)
                {
                    attachments = [new EmailAttachment($"{label.ReturnNumber}.pdf", "application/pdf", label.Pdf)];
                }
            }
        }
        else if (entry.Kind == TimelineEntryKind.ReturnReceived)
        {
            kind = CustomerEmailKind.ReturnReceived;
            values["return_number"] = incident.Resolution?.Return?.ReturnNumber;
        }
        else if (entry.Kind == TimelineEntryKind.TrackingPosted && incident.Resolution is { } shipped)
        {
            kind = CustomerEmailKind.Tracking;
            values["resolution"] = shipped.Type.ToString();
            values["tracking"] = shipped.TrackingNumber;
            values["carrier"] = shipped.Carrier;
        }

        var step = "entry-" + entry.Id;
        var contacted = await mailer.ContactedAtAsync(incident.Id, step, await mailer.SendAsync(incident, step, kind, values, attachments: attachments), now);
        return await store.ChangeAsync(
                incident.Id, i => i with { LastCustomerContactAt = contacted > i.LastCustomerContactAt ? contacted : i.LastCustomerContactAt }, [entry with { Delivered = true }])
            ?? incident;
    }

    /// <summary>
    /// Where the incident stands, for the automatic update: the template's <c>stage</c> (<c>looking</c>,
    /// <c>chosen</c>, <c>shipped</c>, <c>return_awaited</c>, <c>return_on_its_way</c>, <c>return_arrived</c>,
    /// <c>refund_sent</c>) and what the customer needs with it, read from the incident and its payments.
    /// </summary>
    private async Task<Dictionary<string, object?>> WhereItStandsAsync(Incident incident)
    {
        var language = incident.Customer.Language;
        Dictionary<string, object?> values = new() { ["stage"] = "looking" };
        if (incident.Resolution is not { } resolution)
        {
            return values;
        }

        values["stage"] = "chosen";
        values["resolution"] = resolution.Type.ToString();
        values["amount"] = Money(resolution.RefundAmount, language);
        switch (resolution.Type)
        {
            case ResolutionType.SparePart or ResolutionType.Replacement when !string.IsNullOrWhiteSpace(resolution.TrackingNumber):
                values["stage"] = "shipped";
                values["tracking"] = resolution.TrackingNumber;
                values["carrier"] = resolution.Carrier;
                break;
            case ResolutionType.ReturnWithLabel when incident.Return is { } parcel:
                values["return_number"] = resolution.Return?.ReturnNumber;
                values["refund"] = Money(parcel.Refund ?? resolution.Return?.Refund ?? 0, language);
                values["tracking"] = parcel.TrackingNumber;
                values["carrier"] = parcel.Carrier;
                values["stage"] = parcel.Stage switch
                {
                    ReturnStage.AwaitingParcel => "return_awaited",
                    ReturnStage.OnItsWay => "return_on_its_way",
                    ReturnStage.RefundSent => "refund_sent",
                    _ => "return_arrived",
                };
                values["amount"] = values["refund"];
                values["paid_on"] = parcel.RefundSentAt is { } refunded ? Day(refunded, language) : null;
                break;
            case ResolutionType.Refund or ResolutionType.StoreCredit:
                // Paid only once the store confirmed it: until then the customer hears what is promised.
                var kind = resolution.Type == ResolutionType.Refund ? PaymentKind.Refund : PaymentKind.StoreCredit;
                if ((await payments.ForIncidentAsync(incident.Id)).FirstOrDefault(p => p.Kind == kind && p.Status == PaymentStatus.Confirmed) is { } paid)
                {
                    values["stage"] = "refund_sent";
                    values["amount"] = Money(paid.Amount, language);
                    values["paid_on"] = Day(paid.ConfirmedAt ?? paid.RequestedAt, language);
                }

                break;
        }

        return values;
    }

    /// <summary>A day as the customer's language writes it in a sentence ("3 December 2026"): the long date without its weekday.</summary>
    private static string Day(DateTimeOffset at, string language)
    {
        var culture = CustomerLanguage.Culture(language);
        var pattern = Weekday().Replace(culture.DateTimeFormat.LongDatePattern, "").Trim();
        return at.ToString(pattern, culture);
    }

    [GeneratedRegex(@"dddd,?\s*")]
    private static partial Regex Weekday();

    /// <summary>The return policy as it applies to this customer, for the resolution email.</summary>
    private void AddReturnTerms(Dictionary<string, object?> values, ReturnTerms terms, string language)
    {
        values["return_number"] = terms.ReturnNumber;
        values["return_window_days"] = terms.WindowDays;
        values["fee_percent"] = terms.FeePercent.ToString("0.##", CustomerLanguage.Culture(language));
        values["item_price"] = Money(terms.ItemPrice, language);
        values["restocking_fee"] = Money(terms.RestockingFee, language);
        values["store_pays_shipping"] = terms.ShippingPaidBy == ReturnShippingPayer.Store;
        values["return_shipping"] = Money(terms.ShippingPaidByCustomer, language);
        values["refund"] = Money(terms.Refund, language);
    }

    private string Money(decimal amount, string language) => money.Format(amount, language);
}

/// <summary>What the workflow needs to know after keeping the customer informed.</summary>
/// <param name="StillOpen">False once the incident is resolved (or gone): time to apologize and close.</param>
/// <param name="NextUpdateDue">When the customer must hear from us next, at the latest.</param>
/// <param name="Returning">Whether a return is in progress: the workflow then advances it too.</param>
public sealed record CustomerContact(bool StillOpen, DateTimeOffset NextUpdateDue, bool Returning = false);
