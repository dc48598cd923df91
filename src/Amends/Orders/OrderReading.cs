using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amends.Incidents;
using Amends.Notifications;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Amends.Orders;

/// <summary>
/// Gives an incident its order: asks the store (<see cref="IOrderLookup"/>) for the number the customer gave and
/// writes what it learns onto the incident. It never stops an incident from opening: an order the store does
/// not have flags the incident; a store that cannot be reached, or that refuses our credentials, leaves the
/// incident waiting in the table <c>OrderLookups</c>, which the sweep reads to ask again (storage is the
/// truth, so a restart loses no lookup); refused credentials are told to staff once per set of credentials,
/// not once per incident.
/// </summary>
public sealed class OrderReading(
    IOrderLookup lookup, IncidentStore store, StaffNotices notices, StorageAccount account, IOptions<OrderLookupOptions> options, TimeProvider clock)
{
    internal const string TableName = "OrderLookups";

    /// <summary>The subject of the store-wide notice about refused credentials.</summary>
    public const string NoticeSubject = "order-lookup";

    private const string Waiting = "waiting";
    private const string Author = "amends";

    private readonly TableClient table = account.Table(TableName);

    /// <summary>Creates the table when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Reads the order of incident <paramref name="incidentId"/> unless it was read already, and returns the incident
    /// as it then stands; null when it does not exist, or when no store is connected (then nothing is read at all).
    /// </summary>
    public async Task<Incident?> ReadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        if (!Configured)
        {
            return null;
        }

        if (await store.FindAsync(incidentId, cancellationToken) is not { Value: var incident })
        {
            await ForgetAsync(incidentId, cancellationToken);
            return null;
        }

        if (string.IsNullOrWhiteSpace(incident.OrderNumber) || incident.Order is { State: not OrderLookupState.Pending })
        {
            await ForgetAsync(incidentId, cancellationToken);
            return incident;
        }

        var result = await AskAsync(incident.OrderNumber, cancellationToken);
        var now = clock.GetUtcNow();
        var source = options.Value.Source;
        switch (result)
        {
            case OrderLookupResult.Found found:
                var line = incident.Sku is null ? OrderLines.Pick(found.Order.Lines, incident.Description) : null;
                incident = await store.ChangeAsync(incidentId, i => i with
                {
                    Order = new IncidentOrder(OrderLookupState.Found, now, found.Order, source),
                    Sku = i.Sku ?? (line is { Sku.Length: > 0 } ? line.Sku : null),
                }, [Note(now, "read", Describe(found.Order, source, incident.Sku, line))], cancellationToken) ?? incident;
                await ForgetAsync(incidentId, cancellationToken);
                return incident;

            case OrderLookupResult.NotFound:
                incident = await store.ChangeAsync(incidentId, i => (i with { Order = new IncidentOrder(OrderLookupState.NotFound, now, Source: source) })
                    .Raise(AttentionKind.OrderNotFound, now, source.ToString()),
                    [Note(now, "not-found", $"{Platform(source)} has no order {incident.OrderNumber}: ask the customer for the right number (or add the details by hand).")],
                    cancellationToken) ?? incident;
                await ForgetAsync(incidentId, cancellationToken);
                return incident;

            case OrderLookupResult.Unavailable unavailable:
                return await WaitAsync(incident, unavailable.Reason, unavailable.RetryAfter, now, cancellationToken);

            case OrderLookupResult.Refused refused:
                await notices.AddAsync(new StaffNotice(StaffNoticeKind.OrderLookupRefused, NoticeSubject, CredentialsId(), now, refused.Reason), cancellationToken);
                return await WaitAsync(incident, refused.Reason, null, now, cancellationToken);

            default:
                return incident;
        }
    }

    /// <summary>Whether a store is connected: then an incident may be opened with its order number alone.</summary>
    public bool Configured => options.Value.Source != OrderSource.None || lookup is not NoOrderLookup;

    /// <summary>The order <paramref name="orderNumber"/> names, for its customer, when the store gives it now (null otherwise).</summary>
    public async Task<StoreOrder?> CustomerOfAsync(string orderNumber, CancellationToken cancellationToken = default)
    {
        var result = await AskAsync(orderNumber, cancellationToken);
        if (result is OrderLookupResult.Refused refused)
        {
            await notices.AddAsync(new StaffNotice(StaffNoticeKind.OrderLookupRefused, NoticeSubject, CredentialsId(), clock.GetUtcNow(), refused.Reason), cancellationToken);
        }

        return result is OrderLookupResult.Found { Order.Customer.Email.Length: > 0 } found ? found.Order : null;
    }

    /// <summary>Asks the store again for every waiting incident whose time has come (the sweep calls it).</summary>
    /// <returns>How many lookups were made.</returns>
    public async Task<int> RetryDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        List<string> due = [];
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Waiting} and NextAt le {now}"), cancellationToken: cancellationToken))
        {
            due.Add(row.RowKey);
        }

        foreach (var id in due)
        {
            await ReadAsync(id, cancellationToken);
        }

        return due.Count;
    }

    /// <summary>The incidents waiting for the store, by id, with when they are asked next (tests and the doc read it).</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> WaitingAsync(CancellationToken cancellationToken = default)
    {
        Dictionary<string, DateTimeOffset> waiting = [];
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Waiting, cancellationToken: cancellationToken))
        {
            waiting[row.RowKey] = row.GetDateTimeOffset("NextAt") ?? DateTimeOffset.MinValue;
        }

        return waiting;
    }

    /// <summary>Stops waiting for incident <paramref name="incidentId"/>'s order (read, given up, or the customer erased).</summary>
    public async Task ForgetAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.DeleteEntityAsync(Waiting, incidentId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Nothing was waiting.
        }
    }

    private async Task<OrderLookupResult> AskAsync(string orderNumber, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            return await lookup.FindAsync(orderNumber, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new OrderLookupResult.Unavailable($"{Platform(options.Value.Source)} did not answer within {options.Value.Timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>The incident waits for the store: noted once, asked again by the sweep, given up on (and flagged) after <see cref="OrderLookupOptions.GiveUpAfter"/>.</summary>
    private async Task<Incident> WaitAsync(Incident incident, string reason, TimeSpan? retryAfter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var since = incident.Order?.At ?? now;
        if (now - since >= settings.GiveUpAfter && incident.Order is not null)
        {
            var gaveUp = await store.ChangeAsync(incident.Id, i => (i with { Order = i.Order! with { State = OrderLookupState.GaveUp } })
                .Raise(AttentionKind.OrderLookupFailed, now, reason),
                [Note(now, "gave-up", $"Gave up reading order {incident.OrderNumber} from {Platform(settings.Source)} after {(now - since).TotalHours:0} hours ({reason}). Add the order's details by hand.")],
                cancellationToken);
            await ForgetAsync(incident.Id, cancellationToken);
            return gaveUp ?? incident;
        }

        var next = now + (retryAfter is { } wait && wait > settings.RetryAfter ? wait : settings.RetryAfter);
        await table.UpsertEntityAsync(new TableEntity(Waiting, incident.Id) { ["NextAt"] = next }, TableUpdateMode.Replace, cancellationToken);
        if (incident.Order is not null)
        {
            return incident;
        }

        return await store.ChangeAsync(incident.Id, i => i with { Order = new IncidentOrder(OrderLookupState.Pending, now, Source: settings.Source) },
            [Note(now, "pending", $"Order lookup pending: {reason} Amends asks {Platform(settings.Source)} again from {next:yyyy-MM-dd HH:mm} UTC.")],
            cancellationToken) ?? incident;
    }

    /// <summary>
    /// The event id of the refused-credentials notice: a hash of the source and its credentials, so staff are told once
    /// for a set of credentials, and again only after a change that is still refused. The hash reveals no secret.
    /// </summary>
    private string CredentialsId()
    {
        var o = options.Value;
        var material = $"{o.Source}|{o.StoreBackend.BaseUrl}|{o.Shopify.ShopUrl}|{o.Shopify.AccessToken}|{o.WooCommerce.BaseUrl}|{o.WooCommerce.ConsumerKey}|{o.WooCommerce.ConsumerSecret}";
        return $"{o.Source}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..16]}";
    }

    private static TimelineEntry Note(DateTimeOffset at, string step, string text) =>
        new(IncidentStore.StepEntryId(at, "order-" + step), TimelineEntryKind.InternalNote, at, text, Author, CustomerFacing: false, Delivered: false);

    /// <summary>The staff note of a read order: its lines, shipment and which line the incident is about. No address (it is not kept once the incident is done, and the timeline is).</summary>
    private static string Describe(StoreOrder order, OrderSource source, string? sku, OrderLine? picked)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Order {order.Number} read from {Platform(source)}: "));
        text.AppendJoin("; ", order.Lines.Select(l => string.Create(CultureInfo.InvariantCulture,
            $"{l.Quantity} × {l.Name}{(l.Sku.Length > 0 ? $" ({l.Sku})" : "")} at {l.UnitPrice:0.00}{(order.Currency is { } c ? " " + c : "")}")));
        text.Append('.');
        if (order.Carrier is not null || order.TrackingNumber is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Shipped with {order.Carrier ?? "a carrier"}{(order.TrackingNumber is { } t ? $", tracking {t}" : "")}");
            text.Append(order.ShippedAt is { } shipped ? string.Create(CultureInfo.InvariantCulture, $", on {shipped:yyyy-MM-dd}") : "");
            text.Append(order.DeliveredAt is { } delivered ? string.Create(CultureInfo.InvariantCulture, $", delivered {delivered:yyyy-MM-dd}") : "");
            text.Append('.');
        }

        text.Append(' ').Append((sku, picked) switch
        {
            ({ } given, _) => $"The incident keeps the product it was given ({given}).",
            (null, { Sku.Length: > 0 } line) when order.Lines.Count == 1 => $"The product is {line.Sku}.",
            (null, { Sku.Length: > 0 } line) => $"The customer's words name {line.Name}: the product is {line.Sku}.",
            _ => "The customer's words do not say which line: choose the product (the incident's SKU) from the order's lines.",
        });
        return text.ToString();
    }

    private static string Platform(OrderSource source) => source switch
    {
        OrderSource.StoreBackend => "the store's back end",
        OrderSource.Shopify => "Shopify",
        OrderSource.WooCommerce => "WooCommerce",
        _ => "the store",
    };
}
