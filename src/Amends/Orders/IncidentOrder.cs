namespace Amends.Orders;

/// <summary>What an incident knows of its order from the store, and where the lookup stands.</summary>
/// <param name="State">Read, not found, waiting to be asked again, or given up.</param>
/// <param name="At">When the lookup last came to this state.</param>
/// <param name="Details">The order as the store gave it, once read; its shipping address is dropped with the incident's files after closing.</param>
/// <param name="Source">The platform it was read from.</param>
public sealed record IncidentOrder(OrderLookupState State, DateTimeOffset At, StoreOrder? Details = null, OrderSource Source = OrderSource.None);

/// <summary>Where an incident's order lookup stands.</summary>
public enum OrderLookupState
{
    /// <summary>The store could not be asked yet (unreachable, or our credentials refused): the sweep asks again.</summary>
    Pending,

    /// <summary>The store gave the order.</summary>
    Found,

    /// <summary>The store has no order with that number.</summary>
    NotFound,

    /// <summary>The sweep kept asking until <see cref="OrderLookupOptions.GiveUpAfter"/> and gave up; staff were flagged.</summary>
    GaveUp,
}

/// <summary>Which line of an order the customer's words are about.</summary>
public static class OrderLines
{
    /// <summary>
    /// The line <paramref name="text"/> names: the only one (or the only product) of the order, else the one whose
    /// SKU the text quotes, else the one most of whose name's words it uses; null when the text does not tell.
    /// </summary>
    public static OrderLine? Pick(IReadOnlyList<OrderLine> lines, string? text)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var products = lines.DistinctBy(l => (l.Sku, l.Name)).ToList();
        if (products.Count <= 1)
        {
            return products.FirstOrDefault();
        }

        var words = text ?? "";
        var quoted = products.Where(l => l.Sku.Length > 0 && words.Contains(l.Sku, StringComparison.OrdinalIgnoreCase)).ToList();
        if (quoted.Count == 1)
        {
            return quoted[0];
        }

        var scored = products
            .Select(l => (Line: l, Score: l.Name.Split([' ', '-', ',', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
                .Count(w => w.Length >= 4 && words.Contains(w, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(s => s.Score)
            .ToList();
        return scored[0].Score > 0 && scored[0].Score > scored[1].Score ? scored[0].Line : null;
    }
}

/// <summary>How a postal address is written on a label.</summary>
public static class PostalAddresses
{
    /// <summary>The address's lines below the name: street, flat, postal code and city, region, country.</summary>
    public static IReadOnlyList<string> Lines(this PostalAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return [.. new[] { address.Line1, address.Line2, $"{address.PostalCode} {address.City}".Trim(), address.Region, address.CountryCode }
            .Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!)];
    }
}
