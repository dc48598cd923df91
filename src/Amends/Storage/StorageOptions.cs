using System.ComponentModel.DataAnnotations;

namespace Amends.Storage;

/// <summary>Where incidents, timelines and photos are kept. Bound from <c>Amends:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Storage";

    /// <summary>A connection string (Azurite locally); when empty, <see cref="AccountName"/> with a managed identity is used.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The storage account reached with a managed identity in Azure.</summary>
    public string? AccountName { get; set; }

    /// <summary>The client id of the user-assigned managed identity, when there is one.</summary>
    public string? ClientId { get; set; }

    /// <summary>Prefix of every table name, so several stores (or test runs) can share an account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$|^$")]
    public string TablePrefix { get; set; } = "";
}
