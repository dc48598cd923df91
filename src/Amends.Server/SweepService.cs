using Amends.Silence;
using Microsoft.DurableTask.Client;

namespace Amends.Server;

/// <summary>
/// Runs the attention sweep and its watchdog on the server (hourly unless <c>Amends:Sweep:Interval</c> says
/// otherwise), the job the Functions app runs on its timer trigger.
/// </summary>
internal sealed partial class SweepService(AttentionSweep sweep, DurableTaskClient workflows, IConfiguration configuration, ILogger<SweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Amends:Sweep:Interval", TimeSpan.FromHours(1));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var report = await sweep.RunAsync(workflows, stoppingToken);
                LogSwept(logger, report.Watchdog?.Restarted ?? 0, report.Watchdog?.Resumed ?? 0, report.Watchdog?.Woken ?? 0, report.Open, report.NeedingAttention, report.Woken, report.LowStockParts, report.ClaimReminders);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: watchdog restarted {Restarted}, resumed {Resumed} and woke {Unstuck} workflows; {Open} open incidents, {NeedingAttention} need attention, {Woken} workflows woken for silence, {LowStockParts} spare parts below their reorder level, {ClaimReminders} carrier claims flagged as their deadline nears.")]
    private static partial void LogSwept(ILogger logger, int restarted, int resumed, int unstuck, int open, int needingAttention, int woken, int lowStockParts, int claimReminders);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep failed; it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
