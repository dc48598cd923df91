using Amends.Money;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Amends.Api;

/// <summary>The store's settings that callers need to show what the API answers, such as the currency its plain amounts are in.</summary>
public static class SettingsApi
{
    /// <summary>GET /api/v1/settings: the store's currency (ISO 4217), which every amount in the API is in.</summary>
    public static IResult Get(IOptions<StoreCurrency> currency) =>
        TypedResults.Json(new StoreSettings(currency.Value.Currency), ApiJson.Options);
}

/// <summary>The store's settings as the API shows them.</summary>
/// <param name="Currency">The ISO 4217 code every amount in the API is in.</param>
public sealed record StoreSettings(string Currency);
