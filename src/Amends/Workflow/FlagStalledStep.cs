using System.Globalization;
using Amends.Incidents;
using Amends.Storage;
using Microsoft.Extensions.Logging;

namespace Amends.Workflow;

/// <summary>
/// Flags an incident for staff when one of its workflow steps failed every attempt: the workflow then
/// waits to be resumed (by staff, or by the watchdog) and tries the step again. Staff read why on the
/// timeline; the log names only the incident, the step and the kind of error, never customer data.
/// </summary>
public sealed partial class FlagStalledStep(IncidentStore store, ILogger<FlagStalledStep> logger) : IWorkflowStep<StalledStep, bool>
{
    /// <summary>The activity name.</summary>
    public const string Name = "FlagStalledStep";

    /// <summary>The longest error text kept on the timeline.</summary>
    private const int MaxReasonLength = 500;

    /// <inheritdoc />
    public async Task<bool> RunAsync(StalledStep input)
    {
        LogStalled(logger, input.IncidentId, input.Step, input.Attempts, input.ErrorType);
        var at = new DateTimeOffset(input.At, TimeSpan.Zero);
        var reason = input.Reason.Length > MaxReasonLength ? input.Reason[..MaxReasonLength] + "…" : input.Reason;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"The workflow stopped at step {input.Step}: it failed {input.Attempts} attempts ({input.ErrorType}: {reason}). It waits to be resumed: resume the incident once the cause is fixed, or the watchdog resumes it.");

        // Keyed by the step and when it stopped, so a retried flag writes one entry.
        var changed = await store.ChangeAsync(
            input.IncidentId,
            i => i.Raise(AttentionKind.StepFailed, at, input.Step),
            [new TimelineEntry(IncidentStore.StepEntryId(at, "stalled-" + input.Step), TimelineEntryKind.InternalNote, at, text, "amends",
                CustomerFacing: false, Delivered: false)]);
        return changed is not null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId}: step {Step} failed {Attempts} attempts ({ErrorType}); flagged for staff, waiting to be resumed.")]
    private static partial void LogStalled(ILogger logger, string incidentId, string step, int attempts, string errorType);
}

/// <summary>A workflow step that failed every attempt.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Step">The activity that failed.</param>
/// <param name="ErrorType">The type of its last error.</param>
/// <param name="Reason">The message of its last error, for staff.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="At">When the workflow stopped (orchestration time: fixes the timeline entry's id).</param>
public sealed record StalledStep(string IncidentId, string Step, string ErrorType, string Reason, int Attempts, DateTime At);
