using Amends.Api;
using Amends.CustomerLinks;
using Amends.Functions.Api;
using Amends.Functions.Silence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Functions;

/// <summary>Everything the Functions app registers, in one place, so tests build the functions from the same container.</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddAmendsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        // App settings arrive as environment variables: Amends__Storage__ConnectionString is Amends:Storage:ConnectionString.
        services.AddAmends(configuration);

        // Instances scale out and restart: each must sign and check customer links with the same, lasting key.
        services.AddOptions<CustomerLinkOptions>()
            .Validate(links => links.Secret is { Length: >= 32 }, "Set Amends__CustomerLinks__Secret (at least 32 characters; a Key Vault reference in Azure).")
            .ValidateOnStart();

        // As the server: the API's JSON conventions for problem answers too, and the same exception handler.
        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();

        services.AddSingleton<ApiEndpoints>();
        services.AddSingleton<ISweep, Sweep>();
        return services;
    }
}
