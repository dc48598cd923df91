using Amends.Silence;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Amends.Functions.Silence;

/// <summary>The daily sweep on a timer trigger (schedule from the SweepSchedule app setting), the job the server runs in-process.</summary>
public sealed partial class AttentionSweepFunction(ISweep sweep, ILogger<AttentionSweepFunction> logger)
{
    public const string Name = "AttentionSweep";

    [Function(Name)]
    public async Task RunAsync(
        [TimerTrigger("%SweepSchedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var report = await sweep.RunAsync(workflows, cancellationToken);
        LogSwept(logger, report.Open, report.NeedingAttention, report.Woken, report.LowStockParts);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: {Open} open incidents, {NeedingAttention} need attention, {Woken} workflows woken, {LowStockParts} spare parts below their reorder level.")]
    private static partial void LogSwept(ILogger logger, int open, int needingAttention, int woken, int lowStockParts);
}

/// <summary>The attention sweep behind an interface, so the timer trigger's test can fake it.</summary>
public interface ISweep
{
    Task<SweepReport> RunAsync(DurableTaskClient workflows, CancellationToken cancellationToken);
}

/// <summary>The library's <see cref="AttentionSweep"/>.</summary>
public sealed class Sweep(AttentionSweep sweep) : ISweep
{
    public Task<SweepReport> RunAsync(DurableTaskClient workflows, CancellationToken cancellationToken) =>
        sweep.RunAsync(workflows, cancellationToken);
}
