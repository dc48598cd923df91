using Amends.Compensate;
using Amends.Functions.Workflow;
using Amends.Silence;
using Amends.Workflow;
using Microsoft.DurableTask;
using Moq;

namespace Amends.Functions.Tests.Workflow;

/// <summary>The orchestration trigger runs the library's incident workflow on its input and returns what it returns.</summary>
public sealed class IncidentWorkflowFunctionTests
{
    private readonly Mock<TaskOrchestrationContext> context = new();
    private readonly List<string> calls = [];

    [Fact]
    public async Task Runs_the_incident_workflow_on_its_state_from_acknowledgement_to_close()
    {
        var compensation = new Compensation("SORRY-10", 10, DateTimeOffset.UnixEpoch.AddDays(90));
        context.Setup(c => c.GetInput<WorkflowState>()).Returns(new WorkflowState("INC-1", TurnsPerGeneration: 3));
        Activity(Acknowledge.AcknowledgeCustomer.Name, true);
        Activity(KeepCustomerInformed.Name, new CustomerContact(StillOpen: false, DateTimeOffset.UnixEpoch));
        Activity(Compensate.CompensateCustomer.Name, compensation);
        Activity(Apologize.Name, true);
        Activity(Close.CloseIncident.Name, true);

        var outcome = await IncidentWorkflowFunction.RunAsync(context.Object);

        Assert.Equal("closed", outcome);
        Assert.Equal(
            [
                "Acknowledge(INC-1)", "KeepCustomerInformed(INC-1)", "Compensate(INC-1)",
                $"Apologize({new Apology("INC-1", compensation)})", "Close(INC-1)",
            ],
            calls);
    }

    [Fact]
    public async Task An_instance_started_without_its_state_fails_plainly()
    {
        context.Setup(c => c.GetInput<WorkflowState>()).Returns((WorkflowState?)null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => IncidentWorkflowFunction.RunAsync(context.Object));
        Assert.Contains(nameof(WorkflowState), error.Message, StringComparison.Ordinal);
    }

    private void Activity<T>(string name, T result) =>
        context.Setup(c => c.CallActivityAsync<T>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName n, object? input, TaskOptions? _) => calls.Add($"{n.Name}({input})"))
            .ReturnsAsync(result);
}
