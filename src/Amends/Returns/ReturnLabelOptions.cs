using System.ComponentModel.DataAnnotations;

namespace Amends.Returns;

/// <summary>Where returns go and what the local label costs. Bound from <c>Amends:ReturnLabels</c>.</summary>
public sealed class ReturnLabelOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:ReturnLabels";

    /// <summary>The store's return address, one line per element (e.g. <c>Amends:ReturnLabels:StoreAddress:0</c>); empty lines are left out.</summary>
    public List<string> StoreAddress { get; set; } = [];

    /// <summary>What one local label costs the store: the postage it pays for the return, 0 when the customer posts it.</summary>
    [Range(typeof(decimal), "0", "1000")]
    public decimal LabelCost { get; set; }

    /// <summary>The carrier named on local labels and in the cost reports.</summary>
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string Carrier { get; set; } = "Post";
}
