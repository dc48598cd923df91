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
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, LifecycleDriver.FaultySettings(prefix, share: 0.2));
        var driver = new LifecycleDriver(server, TimeSpan.FromSeconds(90));
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
        Assert.Empty(closed.SelectMany(driver.EmailProblems));
        for (var n = 0; n < ids.Length; n++)
        {
            // One compensation: the one code issued for the incident (a retried step finds it instead of issuing another).
            Assert.Equal(closed[n]["incident"]!["discountCode"]!.GetValue<string>(), (await codes.FindForIncidentAsync(ids[n], Cancellation))!.Code);
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
}
