using System.Globalization;
using Amends.Incidents;
using Amends.Storage;
using Amends.Workflow;
using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>
/// The queue's search and filters beyond status, category, date, order and customer: text, product,
/// needs attention and "due soon" (the customer must hear from us within some hours).
/// </summary>
public static class QueueFilters
{
    /// <summary>The longest search text.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The widest "due within": a year.</summary>
    public const int MaxDueWithinHours = 24 * 366;

    /// <summary>Reads <c>q</c>, <c>sku</c>, <c>needsAttention</c> and <c>dueWithinHours</c>; a bad value is added to <paramref name="errors"/> under its name.</summary>
    public static QueueFilter Parse(IQueryCollection query, SilenceOptions silence, TimeProvider clock, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(silence);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(errors);
        var text = NonEmpty(query["q"]);
        if (text is { Length: > MaxTextLength })
        {
            errors["q"] = [$"At most {MaxTextLength} characters."];
        }

        var sku = NonEmpty(query["sku"]);
        if (sku is { Length: > SparePartsApi.MaxSkuLength })
        {
            errors["sku"] = [$"At most {SparePartsApi.MaxSkuLength} characters."];
        }

        bool? attention = null;
        if (NonEmpty(query["needsAttention"]) is { } flag)
        {
            if (bool.TryParse(flag, out var parsed))
            {
                attention = parsed;
            }
            else
            {
                errors["needsAttention"] = ["true or false."];
            }
        }

        DateTimeOffset? contactBefore = null;
        if (NonEmpty(query["dueWithinHours"]) is { } hoursText)
        {
            if (int.TryParse(hoursText, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours is >= 0 and <= MaxDueWithinHours)
            {
                // Due within h hours = last contact + limit before now + h.
                contactBefore = clock.GetUtcNow() + TimeSpan.FromHours(hours) - silence.Limit;
            }
            else
            {
                errors["dueWithinHours"] = [$"A whole number of hours from 0 (overdue) to {MaxDueWithinHours}."];
            }
        }

        return new QueueFilter(text, sku, attention, contactBefore);
    }

    /// <summary>The page with each open incident's next-update time: its last contact plus the silence limit.</summary>
    public static IncidentPage WithDueTimes(IncidentPage page, SilenceOptions silence)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(silence);
        return page with
        {
            Items = [.. page.Items.Select(i => i.Status == IncidentStatus.Open ? i with { NextUpdateDueBy = i.LastCustomerContactAt + silence.Limit } : i)],
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The queue filters read by <see cref="QueueFilters.Parse"/>.</summary>
/// <param name="Text">Search words, or null.</param>
/// <param name="Sku">A product, or null.</param>
/// <param name="NeedsAttention">Needs attention or not, or either (null).</param>
/// <param name="LastContactBefore">For "due soon": only incidents whose last contact was before this, or null.</param>
public sealed record QueueFilter(string? Text, string? Sku, bool? NeedsAttention, DateTimeOffset? LastContactBefore);
