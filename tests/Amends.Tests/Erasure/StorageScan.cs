using System.IO.Compression;
using System.Net;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Amends.Tests.Erasure;

/// <summary>
/// Reads everything in a storage account, every table and every blob container (not only the ones
/// Amends is known to use: the Durable Task hub's too), and reports where any of some strings occurs:
/// in a key, a property, a blob's name, metadata, tags or content (gzip content unpacked, as the
/// Durable Task back end stores large messages).
/// </summary>
internal static class StorageScan
{
    public static async Task<IReadOnlyList<string>> FindAsync(string connectionString, IReadOnlyList<string> needles, CancellationToken cancellationToken)
    {
        List<string> found = [];
        void Look(string where, string text)
        {
            foreach (var needle in needles.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add($"{needle} in {where}");
            }
        }

        var tables = new TableServiceClient(connectionString);
        await foreach (var item in tables.QueryAsync(cancellationToken: cancellationToken))
        {
            try
            {
                await foreach (var entity in tables.GetTableClient(item.Name).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
                {
                    var text = string.Join("\n", entity.Select(p => $"{p.Key}={p.Value}"));
                    Look($"table {item.Name} ({entity.PartitionKey} / {entity.RowKey})", text);
                }
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
            {
                // Another test's table, deleted while we read.
            }
        }

        var blobs = new BlobServiceClient(connectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(cancellationToken: cancellationToken))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            try
            {
                await foreach (var blob in client.GetBlobsAsync(BlobTraits.Metadata | BlobTraits.Tags, BlobStates.None, null, cancellationToken))
                {
                    var where = $"blob {container.Name}/{blob.Name}";
                    Look(where, blob.Name + "\n" + string.Join("\n", blob.Metadata.Select(m => $"{m.Key}={Uri.UnescapeDataString(m.Value)}")) +
                        "\n" + string.Join("\n", (blob.Tags ?? new Dictionary<string, string>()).Select(t => $"{t.Key}={t.Value}")));
                    Look(where, Text((await client.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToArray()));
                }
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
            {
                // Another test's container or blob, deleted while we read.
            }
        }

        return found;
    }

    /// <summary>Every file under <paramref name="folder"/> (e.g. the local outbox) where a needle occurs.</summary>
    public static IReadOnlyList<string> FindInFolder(string folder, IReadOnlyList<string> needles) =>
        !Directory.Exists(folder)
            ? []
            : [.. from file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                  let text = Text(File.ReadAllBytes(file))
                  from needle in needles
                  where text.Contains(needle, StringComparison.OrdinalIgnoreCase)
                  select $"{needle} in {file}"];

    private static string Text(byte[] content)
    {
        if (content is [0x1f, 0x8b, ..])
        {
            using var unzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            unzip.CopyTo(plain);
            content = plain.ToArray();
        }

        return Encoding.UTF8.GetString(content);
    }
}
