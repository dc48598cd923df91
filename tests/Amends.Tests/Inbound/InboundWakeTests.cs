using System.Net;
using Amends.Email;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Storage;
using Amends.Tests.Fixtures;
using Amends.Tests.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Amends.Tests.Inbound;

/// <summary>
/// A customer's reply stored before the queue index failed: SendGrid is answered 503 and retries. The
/// workflow hears of the reply without waiting for that retry, and the retry finishes the rest once; a reply
/// that reopened a closed incident starts its new round even though the retry finds the incident open.
/// </summary>
public sealed class InboundWakeTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reply_stored_before_the_queue_index_failed_wakes_the_workflow_and_its_retry_records_it_once()
    {
        await using var host = await AmendsApiHost.StartAsync(azurite);
        var id = (await host.DeliverAsync(SendGridPosts.Raw(CustomerMail("Bollitore rotto", "Il manico del bollitore è arrivato rotto.")))).IncidentId!;
        await host.Workflows.EmailAsync(id, "acknowledgement");
        await StaffActionWakeTests.WaitingOnItsTimerAsync(host.Workflows, id);

        // Something for the customer that only a wake-up delivers: the workflow waits on its silence timer.
        var pending = new TimelineEntry(host.Workflows.Store.NewEntryId(), TimelineEntryKind.StaffUpdate, DateTimeOffset.UtcNow,
            "Ti spediamo un manico nuovo.", "staff", CustomerFacing: true, Delivered: false);
        await host.Workflows.Store.AppendAsync(id, pending, Cancellation);
        var reply = CustomerMail($"Re: [{id}] Bollitore rotto", "Ecco anche la scatola.");
        var post = SendGridPosts.Raw(reply);
        var index = host.Services.GetRequiredService<StorageAccount>().Table(IncidentStore.IndexTable);
        await index.DeleteAsync(Cancellation);

        using (var failed = await host.PostAsync(post))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        await index.CreateIfNotExistsAsync(Cancellation);
        await host.Workflows.EmailAsync(id, "entry-" + pending.Id);
        var retried = await host.DeliverAsync(post);

        Assert.Equal((InboundOutcomeKind.Reply, id, true), (retried.Kind, retried.IncidentId, retried.Duplicate));
        Assert.Single(await host.Workflows.TimelineAsync(id), e => e.Kind == TimelineEntryKind.CustomerMessage);
        Assert.Equal(id, await host.Services.GetRequiredService<MailThreads>().IncidentOfAsync(reply.MessageId!, Cancellation));
        Assert.Contains((await host.Workflows.IncidentAsync(id)).Attention!, r => r.Kind == AttentionKind.CustomerMessage);
        Assert.Equal(["acknowledgement", "entry-" + pending.Id], host.Workflows.Emails(id).Select(e => e.Step));
    }

    [Fact]
    public async Task A_reply_that_reopened_a_closed_incident_before_the_queue_index_failed_starts_the_new_round_on_the_retry()
    {
        await using var host = await AmendsApiHost.StartAsync(azurite);
        var id = (await host.DeliverAsync(SendGridPosts.Raw(CustomerMail("Bollitore rotto", "Il manico del bollitore è arrivato rotto.")))).IncidentId!;
        await host.Workflows.EmailAsync(id, "acknowledgement");
        await host.Workflows.Staff.ResolveAsync(id, "Handle sent.", null, host.Workflows.Client, Cancellation);
        await Poll.UntilTrueAsync(async () => (await host.Workflows.IncidentAsync(id)).Status == IncidentStatus.Closed, "the closing");
        await Poll.UntilTrueAsync(
            async () => await host.Workflows.Client.GetInstanceAsync(id, Cancellation) is { RuntimeStatus: OrchestrationRuntimeStatus.Completed },
            "the first round's workflow to end");
        var post = SendGridPosts.Raw(CustomerMail($"Re: [{id}] Ancora rotto", "Il nuovo manico si è rotto di nuovo."));
        var index = host.Services.GetRequiredService<StorageAccount>().Table(IncidentStore.IndexTable);
        await index.DeleteAsync(Cancellation);

        // The incident is reopened in storage, then indexing it fails: the retry finds it open, not closed.
        using (var failed = await host.PostAsync(post))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        await index.CreateIfNotExistsAsync(Cancellation);
        Assert.Equal(IncidentStatus.Open, (await host.Workflows.IncidentAsync(id)).Status);
        await host.DeliverAsync(post);

        await Poll.UntilTrueAsync(
            async () => await host.Workflows.Client.GetInstanceAsync(id, Cancellation) is { RuntimeStatus: OrchestrationRuntimeStatus.Running },
            "the new round's workflow");
        var timeline = await host.Workflows.TimelineAsync(id);
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.CustomerMessage);
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.InternalNote && e.Text!.StartsWith("Reopened:", StringComparison.Ordinal));
        Assert.Equal(1, (await host.Workflows.IncidentAsync(id)).Round);
        await host.Workflows.Staff.PostUpdateAsync(id, "Ne spediamo un altro oggi.", host.Workflows.Client, Cancellation);
        await host.Workflows.EmailAsync(id, e => e.Step.StartsWith("entry-", StringComparison.Ordinal), "the staff update of the new round");
        Assert.Single(host.Workflows.Emails(id), e => e.Step == "acknowledgement");
    }

    private static MimeMessage CustomerMail(string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(new MailboxAddress("Giulia Rossi", "giulia.rossi@example.it"));
        message.To.Add(new MailboxAddress("Customer care", "incidents@shop.example"));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mail.example.it");
        message.Date = DateTimeOffset.UtcNow;
        return message;
    }
}
