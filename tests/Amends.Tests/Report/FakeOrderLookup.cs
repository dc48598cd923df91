using System.Collections.Concurrent;
using Amends.Orders;

namespace Amends.Tests.ReportProblem;

/// <summary>The store's orders as a test sets them: an order number answers its result; any other, <see cref="Otherwise"/>.</summary>
internal sealed class FakeOrderLookup : IOrderLookup
{
    public ConcurrentDictionary<string, OrderLookupResult> Orders { get; } = new(StringComparer.Ordinal);

    public OrderLookupResult Otherwise { get; set; } = new OrderLookupResult.NotConfigured();

    public Task<OrderLookupResult> FindAsync(string orderNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(Orders.GetValueOrDefault(orderNumber.Trim()) ?? Otherwise);

    /// <summary>The store has <paramref name="number"/>, placed by <paramref name="email"/>.</summary>
    public void Add(string number, string email, string? name = null) =>
        Orders[number] = new OrderLookupResult.Found(new StoreOrder(number, new OrderCustomer(email, name), [new OrderLine("KETTLE-01", "Kettle", 39.90m, 1)]));
}
