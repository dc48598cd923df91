using Amends.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Amends.Functions.Workflow;

/// <summary>The incident workflow as a function-based orchestrator: the library's orchestrator, unchanged.</summary>
public static class IncidentWorkflowFunction
{
    [Function(IncidentWorkflow.Name)]
    public static Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        IncidentWorkflow.RunAsync(
            context,
            context.GetInput<WorkflowState>() ?? throw new InvalidOperationException($"{IncidentWorkflow.Name} starts with a {nameof(WorkflowState)}."));
}
