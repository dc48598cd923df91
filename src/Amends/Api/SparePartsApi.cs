using Amends.SpareParts;
using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>The spare-part catalogue over HTTP: staff list the parts of a product and enter or recount a part.</summary>
public static class SparePartsApi
{
    /// <summary>The longest part or product SKU the catalogue takes.</summary>
    public const int MaxSkuLength = 100;

    private const int MaxNameLength = 200;
    private const int MaxQuantity = 1_000_000;
    private const decimal MaxUnitCost = 1_000_000;

    /// <summary>GET /api/v1/spare-parts?sku=…: the parts kept for product <c>sku</c> (every part without it).</summary>
    public static async Task<IResult> ListAsync(HttpRequest request, SpareStock stock, CancellationToken cancellationToken)
    {
        string? sku = request.Query["sku"];
        if (sku is { Length: > MaxSkuLength })
        {
            return Problems.Invalid("sku", $"At most {MaxSkuLength} characters.");
        }

        return TypedResults.Json(await stock.ListAsync(string.IsNullOrWhiteSpace(sku) ? null : sku.Trim(), cancellationToken), ApiJson.Options);
    }

    /// <summary>PUT /api/v1/spare-parts/{partSku}: adds the part to the catalogue or replaces it (a recount sets the quantity).</summary>
    public static async Task<IResult> PutAsync(string partSku, HttpRequest request, SpareStock stock, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<SparePartRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var r = body.Value!;
        Dictionary<string, string[]> errors = [];
        if (string.IsNullOrWhiteSpace(partSku) || partSku.Trim().Length > MaxSkuLength)
        {
            errors["partSku"] = [$"Required, at most {MaxSkuLength} characters."];
        }

        if (string.IsNullOrWhiteSpace(r.ProductSku) || r.ProductSku.Trim().Length > MaxSkuLength)
        {
            errors["productSku"] = [$"Required, at most {MaxSkuLength} characters."];
        }

        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Required, at most {MaxNameLength} characters."];
        }

        if (r.QuantityOnHand is null or < 0 or > MaxQuantity)
        {
            errors["quantityOnHand"] = [$"Required: a whole number from 0 to {MaxQuantity:N0}."];
        }

        if (r.ReorderLevel is < 0 or > MaxQuantity)
        {
            errors["reorderLevel"] = [$"A whole number from 0 to {MaxQuantity:N0}."];
        }

        if (r.UnitCost is null or < 0 or > MaxUnitCost)
        {
            errors["unitCost"] = [$"Required: an amount from 0 to {MaxUnitCost:N0}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var part = new SparePart(partSku.Trim(), r.ProductSku!.Trim(), r.Name!.Trim(), r.QuantityOnHand!.Value, r.ReorderLevel ?? 0, decimal.Round(r.UnitCost!.Value, 2));
        await stock.SaveAsync(part, cancellationToken);
        return TypedResults.Json(part, ApiJson.Options);
    }
}
