using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Amends.Storage;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Amends.Photos;

/// <summary>
/// An incident's photos and documents in a private blob container, one folder per incident. Staff
/// reach them only through the API, streamed: there is no public URL.
/// </summary>
public sealed partial class IncidentPhotos(StorageAccount account, IOptions<StorageOptions> storage)
{
    internal const string ContainerName = "photos";

    private readonly BlobContainerClient container = PrivateContainer.For(account, storage.Value, ContainerName);

    /// <summary>Creates the container, private, when it does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);

    /// <summary>Whether <paramref name="name"/> has the shape of a stored photo's name (and so cannot name a path).</summary>
    public static bool IsPhotoName(string name) => PhotoName().IsMatch(name);

    /// <summary>Stores <paramref name="file"/> under <paramref name="incidentId"/>; storing the same file again changes nothing.</summary>
    /// <param name="incidentId">The incident.</param>
    /// <param name="file">The checked, cleaned file.</param>
    /// <param name="source">Where it came from: <c>email</c> or <c>api</c>.</param>
    /// <param name="addedAt">When it arrived.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    public async Task SaveAsync(string incidentId, AcceptedFile file, string source, DateTimeOffset addedAt, CancellationToken cancellationToken = default)
    {
        var blob = container.GetBlobClient($"{incidentId}/{file.Name}");
        try
        {
            await blob.UploadAsync(new BinaryData(file.Content), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType },
                Metadata = new Dictionary<string, string>
                {
                    // Metadata travels as HTTP headers: ASCII only, so the customer's file name is escaped.
                    ["filename"] = Uri.EscapeDataString(file.FileName),
                    ["source"] = source,
                    ["addedat"] = addedAt.ToString("O", CultureInfo.InvariantCulture),
                },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // The name is the content's hash: the same file is already stored.
        }
    }

    /// <summary>Whether the incident already has the photo <paramref name="name"/>.</summary>
    public async Task<bool> ExistsAsync(string incidentId, string name, CancellationToken cancellationToken = default) =>
        await container.GetBlobClient($"{incidentId}/{name}").ExistsAsync(cancellationToken);

    /// <summary>The incident's photos and documents, oldest first.</summary>
    public async Task<IReadOnlyList<StoredPhoto>> ListAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        List<StoredPhoto> photos = [];
        await foreach (var item in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, $"{incidentId}/", cancellationToken))
        {
            photos.Add(new StoredPhoto(
                item.Name[(incidentId.Length + 1)..],
                FileName(item.Metadata),
                item.Properties.ContentType ?? "application/octet-stream",
                item.Properties.ContentLength ?? 0,
                AddedAt(item.Metadata) ?? item.Properties.CreatedOn ?? DateTimeOffset.MinValue,
                item.Metadata.TryGetValue("source", out var source) ? source : "unknown"));
        }

        return [.. photos.OrderBy(p => p.AddedAt)];
    }

    /// <summary>Opens one photo for streaming, or null when the incident has no such photo.</summary>
    public async Task<PhotoStream?> OpenAsync(string incidentId, string name, CancellationToken cancellationToken = default)
    {
        if (!IsPhotoName(name))
        {
            return null;
        }

        try
        {
            var result = await container.GetBlobClient($"{incidentId}/{name}").DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = result.Value.Details;
            return new PhotoStream(result.Value.Content, details.ContentType ?? "application/octet-stream", details.ContentLength,
                FileName(details.Metadata), details.LastModified, details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes every photo and document of <paramref name="incidentId"/>; returns how many there were.</summary>
    public async Task<int> DeleteAllAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{incidentId}/", cancellationToken))
        {
            if (await container.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>Marks the incident's photos for the storage account's lifecycle rule (see <see cref="Retention.BlobRetention"/>).</summary>
    public async Task MarkClosedAsync(string incidentId, DateTimeOffset closedAt, CancellationToken cancellationToken = default)
    {
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{incidentId}/", cancellationToken))
        {
            await Retention.BlobRetention.MarkClosedAsync(container.GetBlobClient(item.Name), closedAt, cancellationToken);
        }
    }

    private static string FileName(IDictionary<string, string> metadata) =>
        metadata.TryGetValue("filename", out var escaped) ? Uri.UnescapeDataString(escaped) : "attachment";

    private static DateTimeOffset? AddedAt(IDictionary<string, string> metadata) =>
        metadata.TryGetValue("addedat", out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : null;

    [GeneratedRegex("^[0-9a-f]{24}\\.(jpg|png|webp|avif|gif|pdf)$", RegexOptions.CultureInvariant)]
    private static partial Regex PhotoName();
}

/// <summary>A stored photo or document, as staff see it in the list.</summary>
/// <param name="Name">Its name in the API (<c>/photos/{name}</c>).</param>
/// <param name="FileName">The name the sender gave it.</param>
/// <param name="ContentType">What it is, by content.</param>
/// <param name="Size">Size in bytes, as stored.</param>
/// <param name="AddedAt">When it arrived.</param>
/// <param name="Source">Where it came from: <c>email</c> or <c>api</c>.</param>
public sealed record StoredPhoto(string Name, string FileName, string ContentType, long Size, DateTimeOffset AddedAt, string Source);

/// <summary>One photo opened for streaming; the caller disposes <paramref name="Content"/>.</summary>
/// <param name="Content">The bytes, streamed from storage.</param>
/// <param name="ContentType">What it is.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="FileName">The name the sender gave it.</param>
/// <param name="LastModified">When it was stored.</param>
/// <param name="ETag">Its version, for caching.</param>
public sealed record PhotoStream(Stream Content, string ContentType, long Length, string FileName, DateTimeOffset LastModified, ETag ETag);
