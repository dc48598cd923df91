using Amends.Incidents;
using Amends.Silence;
using Amends.Tests.Fixtures;
using Amends.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Workflow;

/// <summary>
/// The watchdog, run by the sweep on the real workflow: an incident not closed whose orchestration
/// was terminated, vanished or stopped is moved on from storage's truth, noted on the timeline, and
/// nothing is emailed twice.
/// </summary>
public sealed class WatchdogTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> ResumeAtOnce = new() { ["Amends:Workflow:Watchdog:ResumeStalledAfter"] = "00:00:00" };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_resolved_incident_whose_workflow_was_terminated_is_restarted_by_the_sweep_and_closes()
    {
        await using var host = await StepRetryTests.StartAsync(azurite);
        var incident = await host.OpenAsync();
        await host.EntryAsync(incident.Id, e => e.Kind == TimelineEntryKind.Acknowledged, "the acknowledgement on the timeline");
        await TerminateAsync(host, incident.Id);

        // Resolved in storage while nothing runs: as when the process died between the write and the wake-up.
        await host.Store.ChangeAsync(incident.Id, i => i with { Status = IncidentStatus.Resolved, ResolvedAt = DateTimeOffset.UtcNow }, cancellationToken: Cancellation);
        var report = await host.Services.GetRequiredService<AttentionSweep>().RunAsync(host.Client, Cancellation);
        var finished = await StepRetryTests.WaitForCompletionAsync(host, incident.Id);

        Assert.Equal(new WatchdogReport(Checked: 1, Restarted: 1, Resumed: 0, Woken: 0), report.Watchdog);
        Assert.Equal("closed", finished.ReadOutputAs<string>());
        Assert.Equal(IncidentStatus.Closed, (await host.IncidentAsync(incident.Id)).Status);
        Assert.Equal(["acknowledgement", "apology"], host.Emails(incident.Id).Select(e => e.Step).Order(StringComparer.Ordinal));
        var note = Assert.Single(await host.TimelineAsync(incident.Id), e => e.Text?.Contains("watchdog", StringComparison.Ordinal) == true);
        Assert.Equal("The workflow was terminated while the incident is Resolved: started again from storage by the watchdog.", note.Text);
    }

    [Fact]
    public async Task An_open_incident_whose_workflow_vanished_is_restarted_without_a_second_acknowledgement()
    {
        await using var host = await StepRetryTests.StartAsync(azurite, new Dictionary<string, string?> { ["Amends:Workflow:Watchdog:StuckAfter"] = "00:00:00" });
        var incident = await host.OpenAsync();
        await host.EntryAsync(incident.Id, e => e.Kind == TimelineEntryKind.Acknowledged, "the acknowledgement on the timeline");
        var contactBefore = (await host.IncidentAsync(incident.Id)).LastCustomerContactAt;
        await TerminateAsync(host, incident.Id);
        await host.Client.PurgeInstanceAsync(incident.Id, Cancellation);

        var watchdog = host.Services.GetRequiredService<Watchdog>();
        var first = await watchdog.RunAsync(host.Client, Cancellation);
        var restarted = await Poll.UntilAsync(
            async () => await host.Client.GetInstanceAsync(incident.Id, getInputsAndOutputs: true, Cancellation) is { RuntimeStatus: OrchestrationRuntimeStatus.Running } i ? i : null,
            "the restarted workflow to run");
        var second = await watchdog.RunAsync(host.Client, Cancellation);

        Assert.Equal(1, first.Restarted);
        Assert.True(restarted.ReadInputAs<WorkflowState>()!.Acknowledged);
        Assert.Equal(new WatchdogReport(Checked: 1, Restarted: 0, Resumed: 0, Woken: 0), second);
        Assert.Single(host.Emails(incident.Id));
        Assert.Equal(contactBefore, (await host.IncidentAsync(incident.Id)).LastCustomerContactAt);
        Assert.Contains(await host.TimelineAsync(incident.Id), e => e.Text == "The workflow was missing while the incident is Open: started again from storage by the watchdog.");
    }

    [Fact]
    public async Task A_step_nobody_resumed_is_resumed_by_the_watchdog()
    {
        await using var host = await StepRetryTests.StartAsync(azurite, ResumeAtOnce);
        var sender = host.Services.GetRequiredService<RefusingEmailSender>();
        sender.Refuse("apology");
        var incident = await StepRetryTests.ResolveAsync(host);
        await host.EntryAsync(incident.Id, e => e.Text?.Contains("stopped at step Apologize", StringComparison.Ordinal) == true, "the stop on the timeline");
        await Poll.UntilAsync(
            async () => (await host.Client.GetInstanceAsync(incident.Id, getInputsAndOutputs: true, Cancellation))?.SerializedCustomStatus,
            "the stop in the orchestration's status");

        sender.Accept("apology");
        var report = await host.Services.GetRequiredService<Watchdog>().RunAsync(host.Client, Cancellation);
        var finished = await StepRetryTests.WaitForCompletionAsync(host, incident.Id);

        Assert.Equal(1, report.Resumed);
        Assert.Equal("closed", finished.ReadOutputAs<string>());
        Assert.Single(host.Emails(incident.Id), e => e.Step == "apology");
        Assert.Contains(await host.TimelineAsync(incident.Id), e => e.Text?.StartsWith("Step Apologize waited since", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_stop_younger_than_the_limit_is_left_for_staff()
    {
        await using var host = await StepRetryTests.StartAsync(azurite);
        var sender = host.Services.GetRequiredService<RefusingEmailSender>();
        sender.Refuse("apology");
        var incident = await StepRetryTests.ResolveAsync(host);
        await Poll.UntilAsync(
            async () => (await host.Client.GetInstanceAsync(incident.Id, getInputsAndOutputs: true, Cancellation))?.SerializedCustomStatus,
            "the stop in the orchestration's status");

        var report = await host.Services.GetRequiredService<Watchdog>().RunAsync(host.Client, Cancellation);

        Assert.Equal(new WatchdogReport(Checked: 1, Restarted: 0, Resumed: 0, Woken: 0), report);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(incident.Id, Cancellation))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_resolved_workflow_that_does_not_answer_its_wake_is_ended_and_started_again_with_one_apology()
    {
        // On the server's engine, where a workflow was once seen waiting for a step's result the engine lost in a kill -9.
        await using var host = await StepRetryTests.StartAsync(azurite, new Dictionary<string, string?> { ["Amends:Workflow:Watchdog:StuckAfter"] = "00:00:00" }, WorkflowEngine.TaskHub);
        var sender = host.Services.GetRequiredService<RefusingEmailSender>();
        var apologyHeld = sender.Hold("apology");
        var incident = await StepRetryTests.ResolveAsync(host);
        await apologyHeld.WaitAsync(Poll.DefaultTimeout, Cancellation);
        var watchdog = host.Services.GetRequiredService<Watchdog>();

        var woken = await watchdog.CheckAsync(incident.Id, host.Client, Cancellation);
        var ended = await watchdog.CheckAsync(incident.Id, host.Client, Cancellation);
        var terminated = await StepRetryTests.WaitForCompletionAsync(host, incident.Id);
        sender.Release("apology");
        var restarted = await watchdog.CheckAsync(incident.Id, host.Client, Cancellation);
        var finished = await Poll.UntilAsync(
            async () => await host.Client.GetInstanceAsync(incident.Id, getInputsAndOutputs: true, Cancellation) is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } i ? i : null,
            "the restarted workflow to complete");

        Assert.Equal([WatchdogAct.Woken, WatchdogAct.Restarted, WatchdogAct.Restarted], [woken, ended, restarted]);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal("closed", finished.ReadOutputAs<string>());
        Assert.Equal(IncidentStatus.Closed, (await host.IncidentAsync(incident.Id)).Status);
        Assert.Equal(["acknowledgement", "apology"], host.Emails(incident.Id).Select(e => e.Step).Order(StringComparer.Ordinal));
        var notes = (await host.TimelineAsync(incident.Id)).Where(e => e.Id.Contains("-watchdog-", StringComparison.Ordinal)).Select(e => e.Id[(e.Id.IndexOf('-', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(["watchdog-woken", "watchdog-terminated", "watchdog-restarted"], notes);
    }

    private static async Task TerminateAsync(IncidentWorkflowHost host, string id)
    {
        await host.Client.TerminateInstanceAsync(id, "test", Cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(Poll.DefaultTimeout);
        await host.Client.WaitForInstanceCompletionAsync(id, timeout.Token);
    }
}
