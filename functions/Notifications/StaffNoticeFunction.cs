using Amends.Notifications;
using Microsoft.Azure.Functions.Worker;

namespace Amends.Functions.Notifications;

/// <summary>Sends staff notices from the outbox on a timer trigger (every minute: the NotificationSchedule app setting), the job the server runs in-process.</summary>
public sealed class StaffNoticeFunction(StaffNotifier notifier)
{
    public const string Name = "StaffNotices";

    [Function(Name)]
    public Task RunAsync([TimerTrigger("%NotificationSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        notifier.DispatchAsync(cancellationToken);
}
