using System.Diagnostics;
using Amends.Compensate;
using Amends.Payments;
using Amends.StoreBackend;
using Amends.Workflow;

namespace Amends.Telemetry;

/// <summary>
/// A workflow step inside its span and measures: how both hosts run every activity of
/// <see cref="WorkflowTasks.Steps"/>, so no step records its own.
/// </summary>
/// <typeparam name="TInput">What the orchestrator passes in.</typeparam>
/// <typeparam name="TOutput">What the orchestrator gets back.</typeparam>
/// <param name="name">The activity's name.</param>
/// <param name="step">The step it runs.</param>
public sealed class TracedStep<TInput, TOutput>(string name, IWorkflowStep<TInput, TOutput> step) : IWorkflowStep<TInput, TOutput>
{
    /// <summary>The step it runs.</summary>
    public IWorkflowStep<TInput, TOutput> Step { get; } = step;

    /// <inheritdoc />
    public async Task<TOutput> RunAsync(TInput input)
    {
        using var span = AmendsTelemetry.StartStep(name, IncidentOf(input));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var output = await Step.RunAsync(input);
            AmendsTelemetry.StepEnded(name, Stopwatch.GetElapsedTime(started), failed: false);
            return output;
        }
        catch (Exception e)
        {
            AmendsTelemetry.StepEnded(name, Stopwatch.GetElapsedTime(started), failed: true);
            AmendsTelemetry.Failed(name, e, span);
            throw;
        }
    }

    /// <summary>The incident a step's input is about: most steps take its id, the others a record that names it.</summary>
    private static string? IncidentOf(TInput input) => input switch
    {
        string id => id,
        Apology apology => apology.IncidentId,
        StalledStep stalled => stalled.IncidentId,
        PaymentRequest payment => payment.IncidentId,
        StoreBackendEvent storeEvent => storeEvent.IncidentId,
        StoreBackendOutcomeNote note => note.Event.IncidentId,
        _ => null,
    };
}
