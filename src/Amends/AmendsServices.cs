using Amends.Claims;
using Amends.Compensate;
using Amends.CustomerLinks;
using Amends.CustomerPages;
using Amends.Email;
using Amends.Erasure;
using Amends.Faults;
using Amends.Inbound;
using Amends.Intake;
using Amends.Ledger;
using Amends.Money;
using Amends.Notifications;
using Amends.Orders;
using Amends.Payments;
using Amends.Photos;
using Amends.Reopen;
using Amends.ReportProblem;
using Amends.Reports;
using Amends.Resolve;
using Amends.Retention;
using Amends.Returns;
using Amends.Satisfaction;
using Amends.Silence;
using Amends.SpareParts;
using Amends.Staff;
using Amends.Storage;
using Amends.StoreBackend;
using Amends.Storefront;
using Amends.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SendGrid;

namespace Amends;

/// <summary>Registers the product library in a host's container; both hosts call this once.</summary>
public static class AmendsServices
{
    /// <summary>Adds options (validated at start-up), storage, email, the workflow steps and the intake and staff services.</summary>
    public static IServiceCollection AddAmends(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SilenceOptions>().Bind(configuration.GetSection(SilenceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkflowRetryOptions>().Bind(configuration.GetSection(WorkflowRetryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FaultInjectionOptions>().Bind(configuration.GetSection(FaultInjectionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WatchdogOptions>().Bind(configuration.GetSection(WatchdogOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CompensationPolicy>().Bind(configuration.GetSection(CompensationPolicy.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReturnPolicy>().Bind(configuration.GetSection(ReturnPolicy.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReturnFlowOptions>().Bind(configuration.GetSection(ReturnFlowOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReturnLabelOptions>().Bind(configuration.GetSection(ReturnLabelOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StoreBackendOptions>().Bind(configuration.GetSection(StoreBackendOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StoreCurrency>().Bind(configuration.GetSection(StoreCurrency.Section))
            // Stores set up before there was one currency setting gave it to the refund webhook alone.
            .Configure(store => store.Currency = configuration[$"{StoreCurrency.Section}:Currency"] ?? configuration["Amends:StoreBackend:Currency"] ?? store.Currency)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StoreIdentity>().Bind(configuration.GetSection(StoreIdentity.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClaimOptions>().Bind(configuration.GetSection(ClaimOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CustomerLinkOptions>().Bind(configuration.GetSection(CustomerLinkOptions.Section))
            .Configure(links => links.PublicBaseUrl = configuration["Amends:PublicBaseUrl"] is { Length: > 0 } url ? url : links.PublicBaseUrl)
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FaultInjection>();
        services.AddSingleton<StorageAccount>();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IdempotencyKeys>();
        services.AddSingleton<DiscountCodes>();
        services.AddSingleton<MoneyFormat>();
        services.AddSingleton<CostReports>();
        services.AddSingleton<ResponseTimes>();
        services.AddSingleton<CostLedger>();
        services.AddSingleton<SpareStock>();
        // The local PDF label unless a host registered a carrier's provider first.
        services.TryAddSingleton<ILabelProvider, LocalLabelProvider>();
        services.AddOrderLookup(configuration);
        services.AddSingleton<ReturnLabels>();
        services.AddSingleton<CarrierClaims>();
        services.AddSingleton<ClaimPack>();
        services.AddSingleton<CustomerLinks.CustomerLinks>();
        services.AddSingleton<SatisfactionSurvey>();
        services.AddSingleton<StatusPage>();
        services.AddSingleton<SatisfactionPage>();
        services.AddSingleton<PolicyPage>();
        services.AddOptions<ReportPageOptions>().Bind(configuration.GetSection(ReportPageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReportLinks>();
        services.AddSingleton<ReportLimits>();
        services.AddSingleton<ReportPage>();

        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<EmailLayout>();
        services.AddSingleton<MailThreads>();
        services.AddSingleton<CustomerMailer>();
        services.AddSingleton<LocalOutbox>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<FaultInjection>().Wrap(
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.SendGridApiKey is { Length: > 0 } key
                ? new SendGridSender(new SendGridClient(key), sp.GetRequiredService<IOptions<EmailOptions>>(), sp.GetRequiredService<IOptions<StoreIdentity>>())
                : sp.GetRequiredService<LocalOutbox>()));

        // Every activity's step, declared once in WorkflowTasks.
        services.AddWorkflowSteps();
        services.AddSingleton<PaymentInstructions>();
        services.AddSingleton<PaymentConfirmations>();
        services.AddSingleton<ReturnActions>();

        services.AddSingleton<IncidentIntake>();
        services.AddOptions<ReopenOptions>().Bind(configuration.GetSection(ReopenOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Reopening>();
        services.AddOptions<StaffOptions>().Bind(configuration.GetSection(StaffOptions.Section))
            .Configure(staff => staff.AppServiceAuthentication |= string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<AppServiceSignIn>();
        services.AddSingleton<StaffActions>();
        // One long-lived client for the store's webhook; a post that hangs is a failed attempt, retried by TellStoreBackend.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StoreBackendWebhook>(sp, new HttpClient { Timeout = TimeSpan.FromSeconds(10) }));
        services.AddSingleton<Watchdog>();
        services.AddSingleton<AttentionSweep>();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffNotices>();
        services.AddSingleton<SilenceWarnings>();
        services.AddSingleton<StaffNotifier>();
        // A chat that hangs is a failed attempt, retried by the notifier on its next round.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StaffWebhook>(sp, new HttpClient { Timeout = TimeSpan.FromSeconds(10) }));
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ClosedIncidentFiles>();
        services.AddSingleton<ErasureLog>();
        services.AddSingleton<CustomerErasure>();
        services.AddInboundEmail(configuration);
        return services;
    }

    /// <summary>Creates every table Amends uses; hosts call it once at start-up.</summary>
    public static async Task EnsureStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<IncidentStore>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<IdempotencyKeys>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<DiscountCodes>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<CostLedger>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<CostReports>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<ResponseTimes>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<SpareStock>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<IncidentPhotos>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<ReturnLabels>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<CarrierClaims>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<PaymentInstructions>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<MailArchive>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<MailThreads>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<CustomerLinks.CustomerLinks>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<SatisfactionSurvey>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<ClosedIncidentFiles>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<ErasureLog>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<StaffNotices>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<StaffDirectory>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<OrderReading>().EnsureCreatedAsync(cancellationToken);
        services.GetRequiredService<FaultInjection>().Arm();
    }
}
