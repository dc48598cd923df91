using Amends.Notifications;
using Microsoft.Extensions.Options;

namespace Amends.Server;

/// <summary>
/// Sends staff notices from the outbox every <c>Amends:Notifications:DispatchInterval</c>, the job the Functions app
/// runs on its NotificationSchedule timer.
/// </summary>
internal sealed partial class StaffNoticeService(StaffNotifier notifier, IOptions<NotificationOptions> options, ILogger<StaffNoticeService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DispatchInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await notifier.DispatchAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending staff notices failed; they are tried again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
