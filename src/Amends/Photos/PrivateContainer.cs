using Amends.Storage;
using Azure.Storage.Blobs;

namespace Amends.Photos;

/// <summary>The private blob containers Amends keeps photos and raw mail in.</summary>
internal static class PrivateContainer
{
    /// <summary>
    /// The container <paramref name="name"/>, with the table prefix in front (lower-case, as container
    /// names must be), so several stores or test runs sharing an account stay apart as their tables do.
    /// </summary>
    public static BlobContainerClient For(StorageAccount account, StorageOptions options, string name) =>
        account.Blobs.GetBlobContainerClient(
            options.TablePrefix.Length == 0 ? name : $"{options.TablePrefix.ToLowerInvariant()}-{name}");
}
