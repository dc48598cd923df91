using Amends.Photos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Inbound;

/// <summary>Registers email intake and incident photos; <c>AddAmends</c> calls it.</summary>
public static class InboundServices
{
    /// <summary>Adds the inbound mailbox, its authentication and archive, and the photo checks and store, with their options.</summary>
    public static IServiceCollection AddInboundEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InboundOptions>()
            .Bind(configuration.GetSection(InboundOptions.Section))
            .Configure(options =>
            {
                // Named as the deployment names them (Amends__InboundSecret), outside the Inbound section.
                options.Secret = configuration[InboundOptions.SecretKey];
                options.SignaturePublicKey = configuration[InboundOptions.SignaturePublicKeyKey];
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ClassifierOptions>().Bind(configuration.GetSection(ClassifierOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PhotoOptions>().Bind(configuration.GetSection(PhotoOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddLogging();
        services.AddSingleton<PhotoChecks>();
        services.AddSingleton<IncidentPhotos>();
        services.AddSingleton<MailArchive>();
        services.AddSingleton<WrittenLanguage>();
        services.AddSingleton<IncidentClassifier>();
        services.AddSingleton<InboundAuthentication>();
        services.AddSingleton<InboundMailbox>();
        services.AddSingleton<InboundCapacity>();
        return services;
    }
}
