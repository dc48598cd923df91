using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Amends.Orders;

/// <summary>Registers the order lookup that <c>Amends:Orders:Source</c> names, each platform a typed HTTP client.</summary>
public static class OrderServices
{
    /// <summary>
    /// Adds the options, the three clients and <see cref="OrderReading"/>. A host that registered its own
    /// <see cref="IOrderLookup"/> first keeps it; otherwise the configured source is used, or none.
    /// </summary>
    public static IServiceCollection AddOrderLookup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrderLookupOptions>().Bind(configuration.GetSection(OrderLookupOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        Client<StoreBackendOrders>(services);
        Client<ShopifyOrders>(services);
        Client<WooCommerceOrders>(services);
        services.TryAddSingleton<IOrderLookup>(sp => sp.GetRequiredService<IOptions<OrderLookupOptions>>().Value.Source switch
        {
            OrderSource.StoreBackend => sp.GetRequiredService<StoreBackendOrders>(),
            OrderSource.Shopify => sp.GetRequiredService<ShopifyOrders>(),
            OrderSource.WooCommerce => sp.GetRequiredService<WooCommerceOrders>(),
            _ => new NoOrderLookup(),
        });
        services.AddSingleton<OrderReading>();
        return services;
    }

    // The lookup is held for the app's life, so its connections are recycled instead of its handler (DNS changes still reach it).
    private static void Client<T>(IServiceCollection services)
        where T : class =>
        services.AddHttpClient<T>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<OrderLookupOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}
