using Amends.Compensate;
using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>
/// Discount codes for the store's back end: its checkout looks a code up and marks it redeemed when an
/// order uses it (Amends issues the codes; the store applies the discount).
/// </summary>
public static class DiscountCodesApi
{
    private const int MaxCodeLength = 50;
    private const int MaxOrderNumberLength = 100;
    private const decimal MaxDiscount = 1_000_000m;

    /// <summary>GET /api/v1/discount-codes/{code}: the code's discount, validity and whether it was used.</summary>
    public static async Task<IResult> GetAsync(string code, DiscountCodes codes, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(code) || await codes.FindAsync(Normalize(code), cancellationToken) is not { } state)
        {
            return Problems.NotFound($"There is no discount code {Shorten(code)}.");
        }

        return TypedResults.Json(DiscountCodeView.Of(state), ApiJson.Options);
    }

    /// <summary>
    /// POST /api/v1/discount-codes/{code}/redeem with <c>{"orderNumber":…, "discount":…}</c>: marks the code
    /// used by that order, and records the discount the order got (in the store's currency) as the
    /// incident's cost. 409 when another order used it or it has expired; the same order redeeming again
    /// gets 200 with the same answer and no second cost, so the store can safely retry.
    /// </summary>
    public static async Task<IResult> RedeemAsync(string code, HttpRequest request, DiscountCodes codes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<RedeemRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var orderNumber = body.Value!.OrderNumber?.Trim();
        if (string.IsNullOrEmpty(orderNumber) || orderNumber.Length > MaxOrderNumberLength)
        {
            return Problems.Invalid("orderNumber", $"Required, at most {MaxOrderNumberLength} characters.");
        }

        if (body.Value.Discount is < 0 or > MaxDiscount)
        {
            return Problems.Invalid("discount", $"The amount the order got off, from 0 to {MaxDiscount}.");
        }

        if (!IsWellFormed(code))
        {
            return Problems.NotFound($"There is no discount code {Shorten(code)}.");
        }

        code = Normalize(code);
        var result = await codes.RedeemAsync(code, orderNumber, clock.GetUtcNow(), body.Value.Discount, cancellationToken);
        return result.Outcome switch
        {
            RedeemOutcome.Redeemed => TypedResults.Json(DiscountCodeView.Of(result.State!), ApiJson.Options),
            RedeemOutcome.AlreadyRedeemed => Problems.Conflict($"Discount code {code} is already redeemed."),
            RedeemOutcome.Expired => Problems.Conflict($"Discount code {code} expired on {result.State!.ValidUntil:yyyy-MM-dd}."),
            _ => Problems.NotFound($"There is no discount code {code}."),
        };
    }

    // Only letters, digits and dashes: anything else cannot be one of ours, and some characters (/ \ # ?)
    // are not even valid in a Table Storage key, which would turn a typo into a 500.
    private static bool IsWellFormed(string code) =>
        code.Length is > 0 and <= MaxCodeLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    // Customers type codes as they like; the issued ones are upper case.
    private static string Normalize(string code) => code.ToUpperInvariant();

    private static string Shorten(string code) => code.Length > MaxCodeLength ? code[..MaxCodeLength] + "…" : code;
}

/// <summary>The body of a redeem: the store's order that uses the code, and what it got off.</summary>
/// <param name="OrderNumber">The store's order number.</param>
/// <param name="Discount">The discount the order got, in the store's currency (0 or more); it becomes the incident's cost. Without it the cost stays unknown.</param>
public sealed record RedeemRequest(string? OrderNumber, decimal? Discount = null);

/// <summary>A discount code as the store's back end sees it.</summary>
/// <param name="Code">What the customer typed.</param>
/// <param name="IncidentId">The incident it makes amends for.</param>
/// <param name="Percent">The discount.</param>
/// <param name="ValidUntil">Last moment it can be used.</param>
/// <param name="Redeemed">Whether an order has used it.</param>
/// <param name="RedeemedAt">When it was used.</param>
/// <param name="Discount">What the order got off, when the store said.</param>
public sealed record DiscountCodeView(string Code, string IncidentId, int Percent, DateTimeOffset ValidUntil, bool Redeemed, DateTimeOffset? RedeemedAt, decimal? Discount = null)
{
    /// <summary>The view of <paramref name="state"/>.</summary>
    public static DiscountCodeView Of(DiscountCodeState state) =>
        new(state.Code.Code, state.Code.IncidentId, state.Code.Percent, state.Code.ValidUntil, state.Redeemed, state.RedeemedAt, state.Discount);
}
