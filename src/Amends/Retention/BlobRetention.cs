using System.Globalization;
using System.Net;
using Azure;
using Azure.Storage.Blobs;

namespace Amends.Retention;

/// <summary>
/// The blob index tag the storage account's lifecycle rule matches (infra/modules/storage.bicep): set
/// on a closed incident's raw mail and photos, with their metadata rewritten at the same time so that
/// their last-modified time, which the rule counts from, is the closing time.
/// </summary>
public static class BlobRetention
{
    /// <summary>The tag's name.</summary>
    public const string TagName = "amends-retention";

    /// <summary>The tag's value on a closed incident's files.</summary>
    public const string Closed = "closed";

    /// <summary>Tags <paramref name="blob"/> as a closed incident's file and stamps it with <paramref name="closedAt"/>.</summary>
    public static async Task MarkClosedAsync(BlobClient blob, DateTimeOffset closedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            await blob.SetTagsAsync(new Dictionary<string, string> { [TagName] = Closed }, cancellationToken: cancellationToken);

            // Setting tags leaves last-modified alone; setting metadata moves it to now.
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            var metadata = new Dictionary<string, string>(properties.Value.Metadata)
            {
                ["closedat"] = closedAt.ToString("O", CultureInfo.InvariantCulture),
            };
            await blob.SetMetadataAsync(metadata, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Deleted meanwhile (an erasure): nothing left to keep or delete.
        }
    }
}
