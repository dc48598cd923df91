using Amends.Functions.Silence;
using Amends.Silence;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Amends.Functions.Tests.Silence;

/// <summary>The timer trigger runs the attention sweep with its durable client.</summary>
public sealed class AttentionSweepFunctionTests
{
    private readonly Mock<ISweep> sweep = new(MockBehavior.Strict);
    private readonly DurableTaskClient workflows = new Mock<DurableTaskClient>("functions").Object;
    private readonly CancellationToken token = new CancellationTokenSource().Token;

    [Fact]
    public async Task Sweeps_with_the_durable_client_once_per_tick()
    {
        sweep.Setup(s => s.RunAsync(workflows, token)).ReturnsAsync(new SweepReport(Open: 3, NeedingAttention: 1, Woken: 1));

        await new AttentionSweepFunction(sweep.Object, NullLogger<AttentionSweepFunction>.Instance).RunAsync(new TimerInfo(), workflows, token);

        sweep.Verify(s => s.RunAsync(workflows, token), Times.Once);
    }

    [Fact]
    public async Task A_failed_sweep_fails_the_run_so_the_host_records_it()
    {
        sweep.Setup(s => s.RunAsync(workflows, token)).ThrowsAsync(new TimeoutException());

        await Assert.ThrowsAsync<TimeoutException>(() =>
            new AttentionSweepFunction(sweep.Object, NullLogger<AttentionSweepFunction>.Instance).RunAsync(new TimerInfo(), workflows, token));
    }
}
