using Amends.Incidents;
using Amends.Reports;
using Amends.Silence;
using Amends.Tests.Fixtures;
using Amends.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Workflow;

/// <summary>
/// An incident's whole life on the real workflow: the Durable Task test host replays the real
/// orchestration, and its activities use the real store (Azurite) and the real outbox (.eml files).
/// Silence limits are seconds, so a customer's week of silence takes a moment.
/// </summary>
public class IncidentWorkflowTests(AzuriteFixture azurite)
{
    /// <summary>Long enough that no silence update interferes with a test not about silence.</summary>
    private static readonly TimeSpan QuietLimit = TimeSpan.FromMinutes(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The engine these tests run the workflow on; <see cref="IncidentWorkflowOnTaskHubTests"/> runs them on the server's.</summary>
    protected virtual WorkflowEngine Engine => WorkflowEngine.TestHost;

    [Fact]
    public async Task Acknowledges_right_away()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, QuietLimit, engine: Engine);

        var incident = await host.OpenAsync(language: "it");
        var acknowledgement = await host.EmailAsync(incident.Id, "acknowledgement");

        Assert.Matches(@"^\[AMD-[0-9A-Z]{8}\] ", acknowledgement.Subject);
        Assert.StartsWith($"[{incident.Id}]", acknowledgement.Subject);
        Assert.Contains("Abbiamo ricevuto la sua segnalazione sull'ordine #1001", acknowledgement.Subject);
        Assert.Contains("Gentile Giulia Rossi", acknowledgement.Body);
        Assert.Contains($"Il numero della sua pratica è {incident.Id}", acknowledgement.Body);
        Assert.Equal("giulia.rossi@example.it", acknowledgement.To);
        var acknowledged = await host.EntryAsync(incident.Id, e => e.Kind == TimelineEntryKind.Acknowledged, "the acknowledgement on the timeline");
        Assert.True(acknowledged is { CustomerFacing: true, Delivered: true });

        // How fast is measured in bench/ (docs/performance.md), not asserted here: a loaded machine must not fail the suite.
        Assert.True(acknowledged.At >= incident.CreatedAt, $"Acknowledged at {acknowledged.At:O}, before the report at {incident.CreatedAt:O}.");
        Assert.Single(host.Emails(incident.Id));
    }

    [Fact]
    public async Task Sends_update_after_silence_limit()
    {
        var limit = TimeSpan.FromSeconds(2);
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, limit, engine: Engine);

        var incident = await host.OpenAsync();
        var acknowledged = await host.EntryAsync(incident.Id, e => e.Kind == TimelineEntryKind.Acknowledged, "the acknowledgement");
        var update = await host.EmailAsync(incident.Id, e => e.Step.StartsWith("silence-", StringComparison.Ordinal), "the silence update");

        // One conversation: every email after the acknowledgement answers it under its subject.
        Assert.StartsWith($"Re: [{incident.Id}] ", update.Subject);
        Assert.Contains("we have not forgotten you", update.Body);
        var flagged = await Poll.UntilAsync(
            async () => await host.IncidentAsync(incident.Id) is { NeedsAttention: true } i ? i : null,
            "the incident to be flagged for staff");
        Assert.Equal(IncidentStatus.Open, flagged.Status);
        var silence = (await host.TimelineAsync(incident.Id)).First(e => e.Kind == TimelineEntryKind.SilenceUpdate);
        Assert.True(silence is { CustomerFacing: true, Delivered: true, Author: "amends" });
        Assert.True(silence.At - acknowledged.At >= limit, $"Sent {silence.At - acknowledged.At} after the acknowledgement.");
        Assert.True(flagged.LastCustomerContactAt >= silence.At);
        Assert.Single(host.Emails(incident.Id), e => e.Step == "acknowledgement");
    }

    [Fact]
    public async Task Staff_update_resets_the_silence_clock()
    {
        var limit = TimeSpan.FromSeconds(4);
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, limit, engine: Engine);
        var incident = await host.OpenAsync(language: "it");
        var acknowledged = await host.EntryAsync(incident.Id, e => e.Kind == TimelineEntryKind.Acknowledged, "the acknowledgement");
        var originalDeadline = acknowledged.At + limit;

        await Poll.UntilTimeAsync(acknowledged.At + TimeSpan.FromMilliseconds(500));
        var posted = await host.Staff.PostUpdateAsync(incident.Id, "Il ricambio è partito oggi.", host.Client, Cancellation);
        var staffEmail = await host.EmailAsync(incident.Id, "entry-" + posted.Entry!.Id);
        await host.EntryAsync(incident.Id, e => e.Id == posted.Entry.Id && e.Delivered, "the update marked delivered");
        var toldAt = (await host.IncidentAsync(incident.Id)).LastCustomerContactAt;

        Assert.Contains("Il ricambio è partito oggi.", staffEmail.Body);
        Assert.StartsWith($"Re: [{incident.Id}]", staffEmail.Subject);
        Assert.True(toldAt < originalDeadline, "The staff update was not delivered before the original limit; the machine is too slow for this test.");

        // The original limit passes in silence: the customer heard from us since.
        await Poll.UntilTimeAsync(originalDeadline + TimeSpan.FromMilliseconds(500));
        Assert.All(
            await host.TimelineAsync(incident.Id),
            e => Assert.False(e.Kind == TimelineEntryKind.SilenceUpdate && e.At - toldAt < limit, $"Silence update at {e.At:O}, {e.At - toldAt} after the staff update."));

        // The clock restarted, not stopped: the next update comes a full limit after the staff update.
        await host.EmailAsync(incident.Id, e => e.Step.StartsWith("silence-", StringComparison.Ordinal), "the next silence update");
        var silence = await host.EntryAsync(incident.Id, e => e.Kind == TimelineEntryKind.SilenceUpdate, "the silence update");
        Assert.True(silence.At - toldAt >= limit, $"Silence update {silence.At - toldAt} after the staff update.");
        Assert.Single(host.Emails(incident.Id), e => e.Step.StartsWith("silence-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Event_right_after_a_silence_cycle_is_handled()
    {
        var limit = TimeSpan.FromSeconds(3);
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, limit, engine: Engine);
        var incident = await host.OpenAsync();
        await host.EmailAsync(incident.Id, e => e.Step.StartsWith("silence-", StringComparison.Ordinal), "the silence update");

        // Straight after the timer's cycle, while its activity may still be finishing.
        var posted = await host.Staff.PostUpdateAsync(incident.Id, "Your spare handle ships tomorrow.", host.Client, Cancellation);
        var staffEmail = await host.EmailAsync(incident.Id, "entry-" + posted.Entry!.Id);
        await host.EntryAsync(incident.Id, e => e.Id == posted.Entry.Id && e.Delivered, "the update marked delivered");

        Assert.Contains("Your spare handle ships tomorrow.", staffEmail.Body);
        var toldAt = (await host.IncidentAsync(incident.Id)).LastCustomerContactAt;
        var silences = (await host.TimelineAsync(incident.Id)).Where(e => e.Kind == TimelineEntryKind.SilenceUpdate).ToList();

        // Delivered by the event, not picked up later by the next silence timer (which fires a full limit on);
        // the limit (seconds) is the margin for a slow machine.
        Assert.True(toldAt < silences[0].At + limit, $"Delivered {toldAt - silences[0].At} after the silence update: the event was lost.");
        Assert.Single(silences, e => e.At < toldAt + limit);
    }

    [Fact]
    public async Task Three_silence_cycles_keep_history_bounded()
    {
        var limit = TimeSpan.FromSeconds(3);
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, limit, turnsPerGeneration: 1, engine: Engine);
        var incident = await host.OpenAsync();

        await Poll.UntilFoundAsync(
            () => host.Emails(incident.Id).Count(e => e.Step.StartsWith("silence-", StringComparison.Ordinal)) >= 3 ? new object() : null,
            "three silence updates");
        var instance = await host.Client.GetInstanceAsync(incident.Id, getInputsAndOutputs: true, Cancellation);

        Assert.NotNull(instance);
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance.RuntimeStatus);
        var state = instance.ReadInputAs<WorkflowState>();
        Assert.NotNull(state);
        Assert.True(state.Generation >= 3, $"Generation {state.Generation} after three silence cycles.");
        Assert.True(state.Acknowledged);
        Assert.Equal(1, state.TurnsPerGeneration);

        // Posted right around a ContinueAsNew: the event must reach the next generation, well before the
        // next silence timer would pick the update up from storage (the limit is the margin for a slow machine).
        var lastSilence = (await host.TimelineAsync(incident.Id)).Last(e => e.Kind == TimelineEntryKind.SilenceUpdate);
        var posted = await host.Staff.PostUpdateAsync(incident.Id, "Still on it: the courier has answered.", host.Client, Cancellation);
        await host.EmailAsync(incident.Id, "entry-" + posted.Entry!.Id);
        await host.EntryAsync(incident.Id, e => e.Id == posted.Entry.Id && e.Delivered, "the update marked delivered");
        var toldAt = (await host.IncidentAsync(incident.Id)).LastCustomerContactAt;

        Assert.True(toldAt < lastSilence.At + limit, $"Delivered {toldAt - lastSilence.At} after the last silence update: the event was lost.");
        Assert.Single(host.Emails(incident.Id), e => e.Step == "acknowledgement");
    }

    [Fact]
    public async Task Resolve_with_store_at_fault_apologizes_with_a_discount_code_and_closes()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, QuietLimit, engine: Engine);
        var incident = await host.OpenAsync();
        await host.EmailAsync(incident.Id, "acknowledgement");

        await host.Staff.DiagnoseAsync(incident.Id, IncidentCategory.Defective, Responsibility.Store, Cancellation);
        var chosen = await host.Staff.ChooseResolutionAsync(
            incident.Id,
            new Resolution(ResolutionType.Replacement, ReplacementCost: 39.90m, ShippingCost: 6.50m, TrackingNumber: "TRK123", Note: "A new kettle is on its way."),
            host.Client,
            Cancellation);
        var resolution = await host.EmailAsync(incident.Id, "entry-" + chosen.Entry!.Id);

        Assert.StartsWith($"Re: [{incident.Id}] ", resolution.Subject);
        Assert.Contains("we are sending you a replacement", resolution.Body);
        Assert.Contains("Tracking number: TRK123", resolution.Body);
        Assert.Contains("A new kettle is on its way.", resolution.Body);

        await host.EntryAsync(incident.Id, e => e.Id == chosen.Entry.Id && e.Delivered, "the resolution marked delivered");
        await host.Staff.ResolveAsync(incident.Id, "Replacement delivered.", null, host.Client, Cancellation);
        var finished = await WaitForCompletionAsync(host, incident.Id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("closed", finished.ReadOutputAs<string>());
        var apology = await host.EmailAsync(incident.Id, "apology");
        Assert.StartsWith($"Re: [{incident.Id}] ", apology.Subject);
        var closed = await host.IncidentAsync(incident.Id);
        Assert.Equal(IncidentStatus.Closed, closed.Status);
        Assert.NotNull(closed.ClosedAt);
        Assert.NotNull(closed.ResolvedAt);
        Assert.Matches("^SORRY-[A-Z0-9]{8}$", closed.DiscountCode);
        Assert.Contains($"10% discount on your next order: {closed.DiscountCode}", apology.Body);
        Assert.Equal(
            [
                TimelineEntryKind.Reported, TimelineEntryKind.Acknowledged, TimelineEntryKind.Diagnosed, TimelineEntryKind.ResolutionChosen,
                TimelineEntryKind.Resolved, TimelineEntryKind.Apologized, TimelineEntryKind.Closed,
            ],
            (await host.TimelineAsync(incident.Id)).Select(e => e.Kind));
        Assert.Equal(Sorted("acknowledgement", "entry-" + chosen.Entry.Id, "apology"), Steps(host, incident.Id));
        var month = Assert.Single((await host.Services.GetRequiredService<ResponseTimes>().ReportAsync(Cancellation)).Rows);
        Assert.Equal((1, 0, new ResolvedWithin(1, 0, 0, 0, 0)), (month.Closed, month.SilenceUpdates, month.ResolvedWithin));
        Assert.NotNull(month.AverageMinutesToAcknowledge);
    }

    [Fact]
    public async Task Resolve_with_customer_at_fault_apologizes_without_code()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, QuietLimit, engine: Engine);
        var incident = await host.OpenAsync(category: IncidentCategory.ChangedMind);
        await host.EmailAsync(incident.Id, "acknowledgement");

        await host.Staff.DiagnoseAsync(incident.Id, IncidentCategory.ChangedMind, Responsibility.Customer, Cancellation);
        await host.Staff.ResolveAsync(incident.Id, "Returned within the return period; refunded minus restocking fee.", null, host.Client, Cancellation);
        var finished = await WaitForCompletionAsync(host, incident.Id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        var apology = await host.EmailAsync(incident.Id, "apology");
        Assert.Contains("thank you for your patience", apology.Body);
        Assert.DoesNotContain("SORRY-", apology.Body);
        Assert.DoesNotContain("discount", apology.Body, StringComparison.OrdinalIgnoreCase);
        var closed = await host.IncidentAsync(incident.Id);
        Assert.Equal(IncidentStatus.Closed, closed.Status);
        Assert.Null(closed.DiscountCode);
        var apologized = Assert.Single(await host.TimelineAsync(incident.Id), e => e.Kind == TimelineEntryKind.Apologized);
        Assert.Contains("no compensation", apologized.Text);
    }

    [Fact]
    public async Task Emails_are_not_sent_twice()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, QuietLimit, engine: Engine);
        var incident = await host.OpenAsync();
        await host.EmailAsync(incident.Id, "acknowledgement");
        await host.EntryAsync(incident.Id, e => e.Kind == TimelineEntryKind.Acknowledged, "the acknowledgement on the timeline");
        var posted = await host.Staff.PostUpdateAsync(incident.Id, "We have asked the courier.", host.Client, Cancellation);
        await host.EmailAsync(incident.Id, "entry-" + posted.Entry!.Id);
        await host.EntryAsync(incident.Id, e => e.Id == posted.Entry.Id && e.Delivered, "the update marked delivered");

        // Activities run at least once: the engine may run a step again after it did its work.
        var acknowledgedAgain = await host.Services.GetRequiredService<Acknowledge.AcknowledgeCustomer>().RunAsync(incident.Id);
        var contact = await host.Services.GetRequiredService<KeepCustomerInformed>().RunAsync(incident.Id);

        Assert.False(acknowledgedAgain);
        Assert.True(contact.StillOpen);
        Assert.Equal(Sorted("acknowledgement", "entry-" + posted.Entry.Id), Steps(host, incident.Id));
        Assert.Single(await host.TimelineAsync(incident.Id), e => e.Kind == TimelineEntryKind.Acknowledged);
    }

    /// <summary>
    /// The steps of the incident's emails, sorted: outbox file names carry the time only to the second,
    /// so emails sent within one second do not list in the order they were sent.
    /// </summary>
    private static IReadOnlyList<string> Steps(IncidentWorkflowHost host, string incidentId) =>
        [.. host.Emails(incidentId).Select(e => e.Step).Order(StringComparer.Ordinal)];

    private static IReadOnlyList<string> Sorted(params string[] steps) => [.. steps.Order(StringComparer.Ordinal)];

    private static async Task<OrchestrationMetadata> WaitForCompletionAsync(IncidentWorkflowHost host, string id)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(Poll.DefaultTimeout);
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }
}

/// <summary>
/// The same incident lives on the standalone server's engine (DurableTask.Core's worker through the SDK's
/// shims over the Azure Storage provider on Azurite): durable timers and their cancellation, the kept
/// event waiter, ContinueAsNew carrying events, exactly as on the test host.
/// </summary>
public sealed class IncidentWorkflowOnTaskHubTests(AzuriteFixture azurite) : IncidentWorkflowTests(azurite)
{
    /// <inheritdoc />
    protected override WorkflowEngine Engine => WorkflowEngine.TaskHub;
}
