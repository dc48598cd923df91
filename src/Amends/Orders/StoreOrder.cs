namespace Amends.Orders;

/// <summary>An order as the store keeps it: what a lookup returns.</summary>
/// <param name="Number">The order number as the store shows it to the customer (e.g. <c>#1042</c>).</param>
/// <param name="Customer">Who placed it.</param>
/// <param name="Lines">What was ordered.</param>
/// <param name="ShippingAddress">Where it was sent, when the store says.</param>
/// <param name="Carrier">The carrier that took it, when shipped.</param>
/// <param name="TrackingNumber">The carrier's tracking number, when shipped.</param>
/// <param name="ShippedAt">When it left the store.</param>
/// <param name="DeliveredAt">When the carrier delivered it.</param>
/// <param name="Currency">The order's currency (ISO 4217), when the store says.</param>
public sealed record StoreOrder(
    string Number,
    OrderCustomer Customer,
    IReadOnlyList<OrderLine> Lines,
    PostalAddress? ShippingAddress = null,
    string? Carrier = null,
    string? TrackingNumber = null,
    DateTimeOffset? ShippedAt = null,
    DateTimeOffset? DeliveredAt = null,
    string? Currency = null);

/// <summary>The customer who placed an order.</summary>
/// <param name="Email">Their email address.</param>
/// <param name="Name">Their name, when the store has it.</param>
public sealed record OrderCustomer(string Email, string? Name = null);

/// <summary>One line of an order.</summary>
/// <param name="Sku">The product's SKU (empty when the store keeps none).</param>
/// <param name="Name">The product's name as the customer saw it.</param>
/// <param name="UnitPrice">The price of one, in the order's currency.</param>
/// <param name="Quantity">How many were ordered.</param>
public sealed record OrderLine(string Sku, string Name, decimal UnitPrice, int Quantity);

/// <summary>A postal address (for return labels and carrier claims).</summary>
/// <param name="Name">Who receives post there.</param>
/// <param name="Line1">Street and number.</param>
/// <param name="Line2">Flat, floor or company, when any.</param>
/// <param name="City">The town or city.</param>
/// <param name="PostalCode">The postal code.</param>
/// <param name="Region">State, province or county, when the country uses one.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2.</param>
public sealed record PostalAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string? Region, string CountryCode);
