using Amends.Incidents;
using Amends.Storage;
using Microsoft.Extensions.Options;

namespace Amends.Email;

/// <summary>
/// Writes to a customer about their incident, exactly once per incident and step: the step is
/// recorded in the incident's email log before and after sending, so a retried activity skips an
/// email that already went out.
/// </summary>
public sealed class CustomerMailer(IEmailSender sender, EmailTemplates templates, IncidentStore store, IOptions<EmailOptions> options)
{
    /// <summary>Sends the <paramref name="kind"/> email for <paramref name="step"/> unless it was sent before.</summary>
    /// <param name="incident">Whom and what it is about.</param>
    /// <param name="step">The idempotency key within the incident, e.g. <c>acknowledgement</c>.</param>
    /// <param name="kind">Which template.</param>
    /// <param name="values">Values for the template beyond the incident's own.</param>
    /// <param name="cancellationToken">Cancels sending.</param>
    /// <returns>True when it was sent now, false when it had been sent already.</returns>
    public async Task<bool> SendAsync(
        Incident incident,
        string step,
        CustomerEmailKind kind,
        IReadOnlyDictionary<string, object?> values,
        CancellationToken cancellationToken = default)
    {
        if (!await store.BeginEmailAsync(incident.Id, step, cancellationToken))
        {
            return false;
        }

        Dictionary<string, object?> all = new(values)
        {
            ["number"] = incident.Id,
            ["name"] = incident.Customer.Name,
            ["order"] = incident.OrderNumber,
            ["store"] = options.Value.FromName,
        };
        var (subject, body) = templates.Render(kind, incident.Customer.Language, all);
        var domain = options.Value.FromAddress[(options.Value.FromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];
        await sender.SendAsync(
            new OutgoingEmail($"{incident.Id}.{step}@{domain}", incident.Customer.Email, incident.Customer.Name, subject, body),
            cancellationToken);
        await store.CompleteEmailAsync(incident.Id, step, cancellationToken);
        return true;
    }

    /// <summary>A date as the customer reads it, in their language.</summary>
    public static string FormatDate(DateTimeOffset at, string language) =>
        at.ToString("D", CustomerLanguage.Culture(language));
}
