using Amends.Incidents;
using Amends.Compensate;
using Amends.Testing;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.EndToEnd;

/// <summary>
/// Incidents through every resolution on the real server over Azurite, while a fifth of its storage
/// calls and email sends fail (the server's own fault injection, Amends:FaultInjection) and the process
/// is killed once mid-way: every incident still closes, and each customer gets each email once. The
/// full run (100 incidents, several kills) is <c>bench/Amends.Bench faults</c>.
/// </summary>
public sealed class FaultInjectionTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_incident_closes_with_each_email_once_through_faults_and_a_kill()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, Settings(prefix));
        var driver = new LifecycleDriver(server, TimeSpan.FromSeconds(60));
        var resolutions = LifecycleDriver.Resolutions;

        await driver.StockPartsAsync(resolutions.Count, Cancellation);
        var ids = await Task.WhenAll(resolutions.Select((_, n) => driver.OpenAsync(n, Cancellation)));
        await Task.WhenAll(ids.Select(id => driver.AcknowledgedAsync(id, Cancellation)));
        var resolving = Task.WhenAll(ids.Select((id, n) => driver.ResolveAsync(id, n, resolutions[n], Cancellation)));

        // Killed while staff resolve and the workflows compensate, apologize and close.
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        await server.KillAsync();
        await server.StartAsync();
        await resolving;
        var closed = await WithServerLogAsync(server, () => Task.WhenAll(ids.Select(id => driver.ClosedAsync(id, Cancellation))));

        using var amends = new AmendsTestServices(azurite, settings: new Dictionary<string, string?> { ["Amends:Storage:TablePrefix"] = prefix });
        await using var services = await amends.BuildAsync(cancellationToken: Cancellation);
        var codes = services.GetRequiredService<DiscountCodes>();
        for (var n = 0; n < ids.Length; n++)
        {
            var (id, incident) = (ids[n], closed[n]);
            var chosen = incident["timeline"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == nameof(TimelineEntryKind.ResolutionChosen))!["id"]!.GetValue<string>();
            var emails = driver.Emails(id);
            Assert.True(
                emails.Select(LifecycleDriver.Step).Order(StringComparer.Ordinal).SequenceEqual(new[] { "acknowledgement", "apology", "entry-" + chosen }.Order(StringComparer.Ordinal)),
                $"{resolutions[n]} incident {id} sent: {string.Join(", ", emails)}");
            var code = incident["incident"]!["discountCode"]!.GetValue<string>();
            var apology = await File.ReadAllTextAsync(Path.Combine(server.OutboxPath, emails.Single(e => LifecycleDriver.Step(e) == "apology")), Cancellation);
            Assert.Contains(code, apology, StringComparison.Ordinal);

            // One compensation: the one code issued for the incident (a retried step finds it instead of issuing another).
            Assert.Equal(code, (await codes.FindForIncidentAsync(id, Cancellation))!.Code);
        }

        Assert.Contains("Fault injected", server.Log.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="work"/>; a timeout names what the server logged, less the injected faults.</summary>
    private static async Task<T> WithServerLogAsync<T>(ServerProcess server, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (TimeoutException e)
        {
            var log = string.Join('\n', server.Log.ToString().Split('\n').Where(l => !l.Contains("Fault injected", StringComparison.Ordinal) && !l.Contains("Amends.Faults", StringComparison.Ordinal)));
            throw new TimeoutException($"{e.Message}\nServer log:\n{log[Math.Max(0, log.Length - 6000)..]}", e);
        }
    }

    /// <summary>A fifth of storage calls and sends fail; steps retry fast; the watchdog looks every few seconds.</summary>
    internal static Dictionary<string, string> Settings(string tablePrefix) => new()
    {
        ["Amends__Storage__TablePrefix"] = tablePrefix,
        ["Amends__Silence__Limit"] = "01:00:00",
        ["Amends__FaultInjection__StorageFailureShare"] = "0.2",
        ["Amends__FaultInjection__EmailFailureShare"] = "0.2",
        ["Amends__Workflow__Retry__MaxAttempts"] = "8",
        ["Amends__Workflow__Retry__FirstInterval"] = "00:00:00.250",
        ["Amends__Workflow__Retry__MaxInterval"] = "00:00:02",
        ["Amends__Workflow__Watchdog__ResumeStalledAfter"] = "00:00:05",
        ["Amends__Workflow__Watchdog__StuckAfter"] = "00:00:30",
        ["Amends__Sweep__Interval"] = "00:00:05",
        ["Amends__Durable__VisibilityTimeout"] = "00:00:10",
    };
}
