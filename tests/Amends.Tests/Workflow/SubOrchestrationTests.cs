using Amends.Server;
using Amends.Tests.Fixtures;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Amends.Tests.Workflow;

/// <summary>
/// Sub-orchestrations on the standalone server's engine. They hung on the gRPC sidecar the server used
/// before, which is why payments are posted inline; DurableTask.Core's worker runs them as it runs any
/// orchestration. A parent that calls a child that calls an activity and a durable timer gets its answer.
/// </summary>
public sealed class SubOrchestrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_sub_orchestration_with_an_activity_and_a_timer_answers_its_parent()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amends:Storage:ConnectionString"] = azurite.ConnectionString,
            [$"{DurableOptions.Section}:TaskHubName"] = "t" + Guid.NewGuid().ToString("N")[..12],
            [$"{DurableOptions.Section}:MaxQueuePollingInterval"] = "00:00:00.200",
        });
        builder.Services.AddDurableBackend(builder.Configuration, registry => registry
            .AddOrchestratorFunc<string, string>("Parent", async (context, parcel) =>
                "parent got " + await context.CallSubOrchestratorAsync<string>("Child", parcel))
            .AddOrchestratorFunc<string, string>("Child", async (context, parcel) =>
            {
                await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
                return await context.CallActivityAsync<string>("Label", parcel);
            })
            .AddActivityFunc<string, string>("Label", (_, parcel) => "label for " + parcel));
        using var host = builder.Build();
        await host.StartAsync(cancellation);
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Parent", "RMA-7", cancellation: cancellation);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(Poll.DefaultTimeout);
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("parent got label for RMA-7", done.ReadOutputAs<string>());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
