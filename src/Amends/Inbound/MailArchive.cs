using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Amends.Photos;
using Amends.Storage;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Amends.Inbound;

/// <summary>
/// Every inbound post, exactly as it arrived, in a private blob container, before anything reads it:
/// whatever fails later, the mail is never lost and staff can always open it. Blobs are named by the
/// SHA-256 of the post, so the same post stored twice is one blob. A table lists each incident's
/// posts (partition = incident), so erasure and retention find them without listing the container.
/// </summary>
public sealed partial class MailArchive(StorageAccount account, IOptions<StorageOptions> storage)
{
    internal const string ContainerName = "inbound-mail";
    internal const string TableName = "InboundMailByIncident";

    private readonly BlobContainerClient container = PrivateContainer.For(account, storage.Value, ContainerName);
    private readonly TableClient byIncident = account.Table(TableName);

    /// <summary>Creates the container, private, and the table of posts by incident when they do not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        await byIncident.CreateIfNotExistsAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="name"/> has the shape of an archived post's name.</summary>
    public static bool IsArchiveName(string name) => ArchiveName().IsMatch(name);

    /// <summary>The staff API path that streams the archived post <paramref name="name"/>.</summary>
    public static string ApiPath(string name) => $"/api/v1/inbound/mail/{name}";

    /// <summary>Stores the post; returns its name. Throws when storage is unavailable, so the sender retries.</summary>
    public async Task<string> ArchiveAsync(ReadOnlyMemory<byte> post, string? contentType, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(post.Span));
        try
        {
            await container.GetBlobClient(name).UploadAsync(new BinaryData(post), new BlobUploadOptions
            {
                // The content type carries the multipart boundary: without it the post cannot be read again.
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType ?? "application/octet-stream" },
                Metadata = new Dictionary<string, string> { ["receivedat"] = receivedAt.ToString("O", CultureInfo.InvariantCulture) },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // The same bytes were archived before (a retried post).
        }

        return name;
    }

    /// <summary>Notes on the archived post what became of it, so a post that joined no incident is still accounted for.</summary>
    public async Task RecordAsync(string name, InboundOutcome outcome, CancellationToken cancellationToken = default)
    {
        var blob = container.GetBlobClient(name);
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        var metadata = new Dictionary<string, string>(properties.Value.Metadata)
        {
            ["outcome"] = outcome.Kind.ToString(),
        };
        if (outcome.IncidentId is { } incident)
        {
            metadata["incident"] = incident;
            await byIncident.UpsertEntityAsync(new TableEntity(incident, name), TableUpdateMode.Replace, cancellationToken);
        }

        // No ETag condition: concurrent deliveries of one post write the same outcome.
        await blob.SetMetadataAsync(metadata, cancellationToken: cancellationToken);
    }

    /// <summary>Deletes every archived post of <paramref name="incidentId"/>; returns how many blobs there were.</summary>
    public async Task<int> DeleteForIncidentAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        foreach (var name in await NamesAsync(incidentId, cancellationToken))
        {
            if (await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken))
            {
                deleted++;
            }

            // The row goes after its blob, so a retry after a failure still finds the blob.
            await byIncident.DeleteEntityAsync(incidentId, name, ETag.All, cancellationToken);
        }

        return deleted;
    }

    /// <summary>Marks the incident's archived posts for the storage account's lifecycle rule (see <see cref="Retention.BlobRetention"/>).</summary>
    public async Task MarkClosedAsync(string incidentId, DateTimeOffset closedAt, CancellationToken cancellationToken = default)
    {
        foreach (var name in await NamesAsync(incidentId, cancellationToken))
        {
            await Retention.BlobRetention.MarkClosedAsync(container.GetBlobClient(name), closedAt, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<string>> NamesAsync(string incidentId, CancellationToken cancellationToken)
    {
        List<string> names = [];
        await foreach (var row in byIncident.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {incidentId}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            names.Add(row.RowKey);
        }

        return names;
    }

    /// <summary>Opens an archived post for streaming, or null when there is none by that name.</summary>
    public async Task<ArchivedMail?> OpenAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IsArchiveName(name))
        {
            return null;
        }

        try
        {
            var result = await container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = result.Value.Details;
            return new ArchivedMail(result.Value.Content, details.ContentType, details.ContentLength, details.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ArchiveName();
}

/// <summary>An archived post opened for streaming; the caller disposes <paramref name="Content"/>.</summary>
/// <param name="Content">The post's bytes.</param>
/// <param name="ContentType">The post's content type, with its multipart boundary.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="ArchivedAt">When it was stored.</param>
public sealed record ArchivedMail(Stream Content, string ContentType, long Length, DateTimeOffset ArchivedAt);
