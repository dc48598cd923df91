using Amends.Silence;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Amends.Functions.Silence;

/// <summary>The sweep and its watchdog on a timer trigger (hourly: the SweepSchedule app setting), the job the server runs in-process.</summary>
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
        LogSwept(logger, report.Watchdog?.Restarted ?? 0, report.Watchdog?.Resumed ?? 0, report.Watchdog?.Woken ?? 0, report.Open, report.NeedingAttention, report.Woken, report.LowStockParts, report.ClaimReminders);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: watchdog restarted {Restarted}, resumed {Resumed} and woke {Unstuck} workflows; {Open} open incidents, {NeedingAttention} need attention, {Woken} workflows woken for silence, {LowStockParts} spare parts below their reorder level, {ClaimReminders} carrier claims flagged as their deadline nears.")]
    private static partial void LogSwept(ILogger logger, int restarted, int resumed, int unstuck, int open, int needingAttention, int woken, int lowStockParts, int claimReminders);
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
