using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Amends.Storage;

/// <summary>The table and blob clients of the configured storage account, created once.</summary>
public sealed class StorageAccount
{
    private readonly StorageOptions options;

    /// <summary>Creates the clients from <paramref name="options"/>; <paramref name="faults"/> may fail a share of their calls on purpose.</summary>
    public StorageAccount(IOptions<StorageOptions> options, Faults.FaultInjection? faults = null)
    {
        this.options = options.Value;
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        if (faults?.StoragePolicy is { } policy)
        {
            tableOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            blobOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        if (!string.IsNullOrWhiteSpace(this.options.ConnectionString))
        {
            Tables = new TableServiceClient(this.options.ConnectionString, tableOptions);
            Blobs = new BlobServiceClient(this.options.ConnectionString, blobOptions);
        }
        else if (!string.IsNullOrWhiteSpace(this.options.AccountName))
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = this.options.ClientId,
            });
            Tables = new TableServiceClient(new Uri($"https://{this.options.AccountName}.table.core.windows.net"), credential, tableOptions);
            Blobs = new BlobServiceClient(new Uri($"https://{this.options.AccountName}.blob.core.windows.net"), credential, blobOptions);
        }
        else
        {
            throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions),
                ["Set Amends:Storage:ConnectionString or Amends:Storage:AccountName."]);
        }
    }

    /// <summary>The table service.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>The blob service.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>The client of the table <paramref name="name"/>, with the configured prefix.</summary>
    public TableClient Table(string name) => Tables.GetTableClient(options.TablePrefix + name);
}
