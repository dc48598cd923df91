namespace Amends.Workflow;

/// <summary>
/// One side effect of the incident workflow, run as a durable activity. Activities run at least
/// once, so every step is idempotent per incident.
/// </summary>
/// <typeparam name="TInput">What the orchestrator passes in.</typeparam>
/// <typeparam name="TOutput">What the orchestrator gets back.</typeparam>
public interface IWorkflowStep<in TInput, TOutput>
{
    /// <summary>Runs the step.</summary>
    Task<TOutput> RunAsync(TInput input);
}
