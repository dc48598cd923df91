namespace Amends.Returns;

/// <summary>
/// Makes return labels. The local provider draws a PDF the customer prints and takes to the post; a
/// carrier's provider (e.g. the store's shipping platform) books the return and hands back its label.
/// Register one implementation as a singleton; <see cref="ReturnLabels"/> stores what it returns.
/// </summary>
public interface ILabelProvider
{
    /// <summary>Makes the label for <paramref name="request"/>; throws when the carrier refused it.</summary>
    Task<ReturnLabel> CreateAsync(ReturnLabelRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What a return label needs to say.</summary>
/// <param name="ReturnNumber">The return number the store matches the parcel with; it is the label's barcode.</param>
/// <param name="IncidentId">The incident.</param>
/// <param name="OrderNumber">The store's order number.</param>
/// <param name="CustomerName">Who sends the parcel.</param>
/// <param name="CustomerEmail">Where the carrier writes about it.</param>
/// <param name="StoreName">Who receives it.</param>
/// <param name="StoreAddress">Where it goes, one line per element.</param>
/// <param name="CustomerAddress">Where the parcel is picked up or sent from: the order's shipping address, when the store's order lookup gave it.</param>
public sealed record ReturnLabelRequest(
    string ReturnNumber,
    string IncidentId,
    string OrderNumber,
    string CustomerName,
    string CustomerEmail,
    string StoreName,
    IReadOnlyList<string> StoreAddress,
    Orders.PostalAddress? CustomerAddress = null);

/// <summary>A label as a provider made it.</summary>
/// <param name="ReturnNumber">The return number on it.</param>
/// <param name="Pdf">The printable label.</param>
/// <param name="Cost">What the label costs the store (the return shipping).</param>
/// <param name="Carrier">Who carries the parcel.</param>
/// <param name="TrackingNumber">The carrier's tracking number, when it gives one.</param>
public sealed record ReturnLabel(string ReturnNumber, byte[] Pdf, decimal Cost, string Carrier, string? TrackingNumber);
