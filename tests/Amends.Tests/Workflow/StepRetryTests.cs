using Amends.Email;
using Amends.Incidents;
using Amends.Resolve;
using Amends.Tests.Fixtures;
using Amends.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Workflow;

/// <summary>
/// Steps that fail on the real workflow: a transient failure is retried under the policy; when every
/// attempt fails, the incident is flagged for staff with the reason and the workflow waits to be
/// resumed, then finishes, emailing each thing once.
/// </summary>
public class StepRetryTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan QuietLimit = TimeSpan.FromMinutes(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The engine these tests run the workflow on; <see cref="StepRetryOnTaskHubTests"/> runs them on the server's.</summary>
    protected virtual WorkflowEngine Engine => WorkflowEngine.TestHost;

    [Fact]
    public async Task An_apology_refused_once_is_sent_on_the_retry_and_the_incident_closes()
    {
        await using var host = await StartAsync();
        var sender = host.Services.GetRequiredService<RefusingEmailSender>();
        sender.Refuse("apology", times: 1);

        var incident = await ResolveAsync(host);
        var finished = await WaitForCompletionAsync(host, incident.Id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("closed", finished.ReadOutputAs<string>());
        Assert.Equal(IncidentStatus.Closed, (await host.IncidentAsync(incident.Id)).Status);
        Assert.Equal(1, sender.Refused);
        Assert.Equal(["acknowledgement", "apology"], host.Emails(incident.Id).Select(e => e.Step).Order(StringComparer.Ordinal));
        Assert.Single(await host.TimelineAsync(incident.Id), e => e.Kind == TimelineEntryKind.Apologized);
        Assert.False((await host.IncidentAsync(incident.Id)).NeedsAttention);
    }

    [Fact]
    public async Task A_step_refused_every_attempt_flags_the_incident_and_waits_for_staff_to_resume_it()
    {
        await using var host = await StartAsync();
        var sender = host.Services.GetRequiredService<RefusingEmailSender>();
        sender.Refuse("apology");

        var incident = await ResolveAsync(host);
        var stop = await host.EntryAsync(incident.Id, e => e.Text?.Contains("stopped at step Apologize", StringComparison.Ordinal) == true, "the stop on the timeline");

        Assert.Equal((TimelineEntryKind.InternalNote, "amends", false), (stop.Kind, stop.Author, stop.CustomerFacing));
        Assert.Contains("3 attempts", stop.Text);
        Assert.Contains("EmailNotSentException: SendGrid answered 503.", stop.Text);
        var waiting = await host.IncidentAsync(incident.Id);
        Assert.True(waiting.NeedsAttention);
        Assert.Equal(IncidentStatus.Resolved, waiting.Status);
        Assert.Equal(3, sender.Refused);
        // On the Azure Storage provider the step's messages go out before the instance's status is written.
        var instance = await Poll.UntilAsync(
            async () => await host.Client.GetInstanceAsync(incident.Id, getInputsAndOutputs: true, Cancellation) is { SerializedCustomStatus.Length: > 0 } stalled ? stalled : null,
            "the stalled status");
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance.RuntimeStatus);
        Assert.Equal(Amends.Compensate.Apologize.Name, instance.ReadCustomStatusAs<WorkflowStalled>()!.Step);
        Assert.DoesNotContain(host.Emails(incident.Id), e => e.Step == "apology");

        // The cause is fixed; staff resume it.
        sender.Accept("apology");
        var resumed = await host.Staff.ResumeAsync(incident.Id, host.Client, Cancellation);
        var finished = await WaitForCompletionAsync(host, incident.Id);

        Assert.Equal(StaffActionOutcome.Done, resumed.Outcome);
        Assert.Equal("closed", finished.ReadOutputAs<string>());
        var closed = await host.IncidentAsync(incident.Id);
        Assert.Equal(IncidentStatus.Closed, closed.Status);
        Assert.Equal(["acknowledgement", "apology"], host.Emails(incident.Id).Select(e => e.Step).Order(StringComparer.Ordinal));
        Assert.Contains(closed.DiscountCode!, host.Emails(incident.Id).Single(e => e.Step == "apology").Body);
        var timeline = await host.TimelineAsync(incident.Id);
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.Apologized);
        Assert.Single(timeline, e => e.Text == "Workflow resumed by staff." && e.Author == "staff");
    }

    [Fact]
    public async Task An_acknowledgement_refused_every_attempt_is_sent_once_after_staff_resume_it()
    {
        await using var host = await StartAsync();
        var sender = host.Services.GetRequiredService<RefusingEmailSender>();
        sender.Refuse("acknowledgement");

        var incident = await host.OpenAsync();
        await host.EntryAsync(incident.Id, e => e.Text?.Contains("stopped at step Acknowledge", StringComparison.Ordinal) == true, "the stop on the timeline");
        sender.Accept("acknowledgement");
        await host.Staff.ResumeAsync(incident.Id, host.Client, Cancellation);
        await host.EntryAsync(incident.Id, e => e.Kind == TimelineEntryKind.Acknowledged, "the acknowledgement on the timeline");

        Assert.Single(host.Emails(incident.Id), e => e.Step == "acknowledgement");

        // Resuming was staff acting on the failed step: that reason to look is gone.
        Assert.False((await host.IncidentAsync(incident.Id)).NeedsAttention);
        var instance = await Poll.UntilAsync(
            async () => await host.Client.GetInstanceAsync(incident.Id, getInputsAndOutputs: true, Cancellation) is { SerializedCustomStatus: null } going ? going : null,
            "the stalled status cleared");
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance.RuntimeStatus);
    }

    [Fact]
    public async Task Resume_answers_not_found_and_closed()
    {
        await using var host = await StartAsync();
        var incident = await ResolveAsync(host);
        await WaitForCompletionAsync(host, incident.Id);

        Assert.Equal(StaffActionOutcome.NotFound, (await host.Staff.ResumeAsync("AMD-NOSUCH00", host.Client, Cancellation)).Outcome);
        Assert.Equal(StaffActionOutcome.NotOpen, (await host.Staff.ResumeAsync(incident.Id, host.Client, Cancellation)).Outcome);
    }

    /// <summary>A host whose steps try three times, fast, and whose emails go through a <see cref="RefusingEmailSender"/>.</summary>
    internal static Task<IncidentWorkflowHost> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null, WorkflowEngine engine = WorkflowEngine.TestHost)
    {
        Dictionary<string, string?> all = new()
        {
            ["Amends:Workflow:Retry:MaxAttempts"] = "3",
            ["Amends:Workflow:Retry:FirstInterval"] = "00:00:00.200",
            ["Amends:Workflow:Retry:MaxInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return IncidentWorkflowHost.StartAsync(azurite, QuietLimit, settings: all, configure: services => services
            .AddSingleton<RefusingEmailSender>()
            .AddSingleton<IEmailSender>(provider => provider.GetRequiredService<RefusingEmailSender>()), engine: engine);
    }

    /// <summary>Opens an incident, waits for its acknowledgement, and resolves it with the store at fault.</summary>
    internal static async Task<Incident> ResolveAsync(IncidentWorkflowHost host)
    {
        var incident = await host.OpenAsync();
        await host.EntryAsync(incident.Id, e => e.Kind == TimelineEntryKind.Acknowledged, "the acknowledgement on the timeline");
        await host.Staff.DiagnoseAsync(incident.Id, IncidentCategory.Defective, Responsibility.Store, Cancellation);
        await host.Staff.ResolveAsync(incident.Id, "Replacement delivered.", null, host.Client, Cancellation);
        return incident;
    }

    internal static async Task<OrchestrationMetadata> WaitForCompletionAsync(IncidentWorkflowHost host, string id)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(Poll.DefaultTimeout);
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    private Task<IncidentWorkflowHost> StartAsync() => StartAsync(azurite, engine: Engine);
}

/// <summary>The same retry policies and resumes on the standalone server's engine (DurableTask.Core's worker through the SDK's shims).</summary>
public sealed class StepRetryOnTaskHubTests(AzuriteFixture azurite) : StepRetryTests(azurite)
{
    /// <inheritdoc />
    protected override WorkflowEngine Engine => WorkflowEngine.TaskHub;
}
