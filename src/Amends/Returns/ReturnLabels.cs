using System.Globalization;
using System.Net;
using Amends.Incidents;
using Amends.Photos;
using Amends.Storage;
using Amends.Storefront;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Amends.Returns;

/// <summary>
/// Incidents' return labels in a private blob container, one per incident: made once by the
/// <see cref="ILabelProvider"/> and kept, so choosing the return again (or a retried request) finds
/// the label already there and a carrier is never asked twice.
/// </summary>
public sealed class ReturnLabels(
    StorageAccount account,
    IOptions<StorageOptions> storage,
    ILabelProvider provider,
    IOptions<ReturnLabelOptions> options,
    IOptions<StoreIdentity> store)
{
    internal const string ContainerName = "return-labels";

    private readonly BlobContainerClient container = PrivateContainer.For(account, storage.Value, ContainerName);

    /// <summary>Creates the container, private, when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);

    /// <summary>The return number of <paramref name="incidentId"/>'s return: fixed by the incident, so it is the same however often asked.</summary>
    public static string ReturnNumberFor(string incidentId)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        var dash = incidentId.IndexOf('-', StringComparison.Ordinal);
        return "RET-" + incidentId[(dash + 1)..];
    }

    /// <summary>The label of <paramref name="incident"/>: the stored one, or a new one made and stored now.</summary>
    public async Task<StoredLabel> EnsureAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var blob = Blob(incident.Id);
        if (await FindAsync(blob, cancellationToken) is { } stored)
        {
            return stored;
        }

        var label = await provider.CreateAsync(
            new ReturnLabelRequest(ReturnNumberFor(incident.Id), incident.Id, incident.OrderNumber, incident.Customer.Name, incident.Customer.Email,
                store.Value.Name.Trim(), options.Value.StoreAddress, incident.Order?.Details?.ShippingAddress),
            cancellationToken);
        var made = new StoredLabel(label.ReturnNumber, label.Cost, label.Carrier, label.TrackingNumber);
        try
        {
            await blob.UploadAsync(new BinaryData(label.Pdf), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" },
                Metadata = new Dictionary<string, string>
                {
                    // Metadata travels as HTTP headers: ASCII only, so free text is escaped.
                    ["returnnumber"] = Uri.EscapeDataString(made.ReturnNumber),
                    ["cost"] = made.Cost.ToString(CultureInfo.InvariantCulture),
                    ["carrier"] = Uri.EscapeDataString(made.Carrier),
                    ["tracking"] = Uri.EscapeDataString(made.TrackingNumber ?? ""),
                },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return made;
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            // A concurrent request stored its label first: that one is the label, this one is dropped.
            return await FindAsync(blob, cancellationToken) ?? throw new InvalidOperationException($"The return label of {incident.Id} vanished.", e);
        }
    }

    /// <summary>The label PDF of <paramref name="incidentId"/>, or null when it has none.</summary>
    public async Task<ReturnLabelFile?> ReadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await Blob(incidentId).DownloadContentAsync(cancellationToken);
            var label = FromMetadata(result.Value.Details.Metadata);
            return new ReturnLabelFile(label.ReturnNumber, result.Value.Content.ToArray());
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes the incident's label (it carries the customer's name and address); false when it had none.</summary>
    public async Task<bool> DeleteAsync(string incidentId, CancellationToken cancellationToken = default) =>
        await Blob(incidentId).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private BlobClient Blob(string incidentId) => container.GetBlobClient($"{incidentId}.pdf");

    private static async Task<StoredLabel?> FindAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return FromMetadata((await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static StoredLabel FromMetadata(IDictionary<string, string> metadata) => new(
        Uri.UnescapeDataString(metadata["returnnumber"]),
        decimal.Parse(metadata["cost"], CultureInfo.InvariantCulture),
        Uri.UnescapeDataString(metadata["carrier"]),
        metadata.TryGetValue("tracking", out var tracking) && tracking.Length > 0 ? Uri.UnescapeDataString(tracking) : null);
}

/// <summary>What is known of a stored label, without its PDF.</summary>
/// <param name="ReturnNumber">The return number on it.</param>
/// <param name="Cost">What it cost the store.</param>
/// <param name="Carrier">Who carries the parcel.</param>
/// <param name="TrackingNumber">The carrier's tracking number, if it gave one.</param>
public sealed record StoredLabel(string ReturnNumber, decimal Cost, string Carrier, string? TrackingNumber);

/// <summary>A stored label's PDF.</summary>
/// <param name="ReturnNumber">The return number on it.</param>
/// <param name="Pdf">The PDF.</param>
public sealed record ReturnLabelFile(string ReturnNumber, byte[] Pdf);
