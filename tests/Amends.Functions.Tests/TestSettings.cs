using Microsoft.Extensions.Configuration;

namespace Amends.Functions.Tests;

/// <summary>
/// Settings under which both hosts' services can be built without touching storage: clients are
/// created, never called. Each call gets its own outbox folder.
/// </summary>
internal static class TestSettings
{
    public static IConfiguration Create(string? outbox = null) => new ConfigurationBuilder()
        .AddInMemoryCollection(Values(outbox))
        .Build();

    public static Dictionary<string, string?> Values(string? outbox = null) => new()
    {
        ["Amends:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Amends:Email:OutboxPath"] = outbox ?? Path.Combine(Path.GetTempPath(), "amends-functions-tests", Guid.NewGuid().ToString("N")),
        ["SweepSchedule"] = "0 0 * * * *",
        ["NotificationSchedule"] = "0 * * * * *",
        ["TaskHubName"] = "amends",
        ["Amends:CustomerLinks:Secret"] = "customer-link-secret-for-functions-tests-0123456789",
    };
}
