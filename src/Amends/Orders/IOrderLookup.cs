namespace Amends.Orders;

/// <summary>
/// Reads an order from the store (its own back end, Shopify or WooCommerce, chosen in settings), so an
/// incident that arrives with only an order number learns its lines, SKU, address, carrier and dates.
/// </summary>
public interface IOrderLookup
{
    /// <summary>Finds the order the customer calls <paramref name="orderNumber"/> (as typed: "#1042", "1042").</summary>
    Task<OrderLookupResult> FindAsync(string orderNumber, CancellationToken cancellationToken = default);
}

/// <summary>What a lookup of one order number came to.</summary>
public abstract record OrderLookupResult
{
    private protected OrderLookupResult()
    {
    }

    /// <summary>The store has the order.</summary>
    /// <param name="Order">The order as the store keeps it.</param>
    public sealed record Found(StoreOrder Order) : OrderLookupResult;

    /// <summary>The store answered and has no such order.</summary>
    public sealed record NotFound : OrderLookupResult;

    /// <summary>The store could not be reached or answered with an error: worth asking again later.</summary>
    /// <param name="Reason">Why, for staff (no customer data).</param>
    /// <param name="RetryAfter">How long the store asked us to wait, when it said.</param>
    public sealed record Unavailable(string Reason, TimeSpan? RetryAfter = null) : OrderLookupResult;

    /// <summary>The store refused our credentials: asking again will not help until staff fix the settings.</summary>
    /// <param name="Reason">Why, for staff (no secrets).</param>
    public sealed record Refused(string Reason) : OrderLookupResult;

    /// <summary>No order lookup is configured.</summary>
    public sealed record NotConfigured : OrderLookupResult;
}

/// <summary>The default when no store is connected: every lookup answers <see cref="OrderLookupResult.NotConfigured"/>.</summary>
public sealed class NoOrderLookup : IOrderLookup
{
    /// <inheritdoc />
    public Task<OrderLookupResult> FindAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult<OrderLookupResult>(new OrderLookupResult.NotConfigured());
}
