using Amends.Incidents;
using Amends.Notifications;
using Amends.Silence;
using Amends.SpareParts;
using Amends.Tests.Fixtures;
using Amends.Tests.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Notifications;

/// <summary>
/// Staff are told what they must know now, by email to the staff addresses and by a post to the chat's incoming
/// webhook (a loopback stand-in), on the real workflow and Azurite: once per event, whatever is retried.
/// </summary>
public sealed class StaffNotificationTests(AzuriteFixture azurite)
{
    private const string StaffAddress = "ana@shop.example";
    private static readonly TimeSpan QuietLimit = TimeSpan.FromMinutes(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AttentionKind.CustomerMessage, "status page", "the customer wrote")]
    [InlineData(AttentionKind.Reopened, "round 2", "wrote after closing; reopened")]
    [InlineData(AttentionKind.StoreRequestFailed, "refund.requested", "did not take refund.requested")]
    public async Task Staff_are_told_by_email_and_webhook_when_an_incident_is_flagged(AttentionKind kind, string detail, string words)
    {
        await using var chat = ChatReceiver.Start();
        await using var host = await StartAsync(chat);
        var incident = await host.OpenAsync();

        await host.Store.ChangeAsync(incident.Id, i => i.Raise(kind, DateTimeOffset.UtcNow, detail), cancellationToken: Cancellation);
        await DispatchAsync(host);

        var email = Assert.Single(StaffEmails(host));
        Assert.Contains(incident.Id, email.Subject);
        Assert.Contains(words, email.Body);
        var text = Assert.Single(chat.Texts);
        Assert.Contains(incident.Id, text);
        Assert.Contains(words, text);
    }

    [Fact]
    public async Task Staff_are_told_when_the_robot_wrote_the_automatic_update()
    {
        await using var chat = ChatReceiver.Start();
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromSeconds(2), settings: Settings(chat));
        var incident = await host.OpenAsync();

        await host.EmailAsync(incident.Id, e => e.Step.StartsWith("silence-", StringComparison.Ordinal), "the automatic update");
        await Poll.UntilTrueAsync(async () => (await Notices(host)).Any(n => n.Kind == StaffNoticeKind.AutomaticUpdate), "the notice");
        await DispatchAsync(host);

        Assert.Contains(StaffEmails(host), e => e.Body.Contains($"{incident.Id}: nobody wrote to the customer for the silence limit", StringComparison.Ordinal));
        Assert.Contains(chat.Texts, t => t.Contains("Amends sent the status update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_are_warned_once_before_the_automatic_update_goes_out()
    {
        await using var chat = ChatReceiver.Start();
        var settings = Settings(chat);
        // Warned from 6 s after the last contact; the sweep right after the acknowledgement has those 6 s to run.
        settings["Amends:Notifications:WarnBeforeSilenceUpdate"] = "00:00:14";
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromSeconds(20), settings: settings);
        var incident = await host.OpenAsync();
        await host.EmailAsync(incident.Id, "acknowledgement");
        var contact = (await host.IncidentAsync(incident.Id)).LastCustomerContactAt;
        var sweep = host.Services.GetRequiredService<AttentionSweep>();

        var before = await sweep.RunAsync(host.Client, Cancellation);
        await Poll.UntilTimeAsync(contact + TimeSpan.FromSeconds(6.5));
        var first = await sweep.RunAsync(host.Client, Cancellation);
        var second = await sweep.RunAsync(host.Client, Cancellation);
        await DispatchAsync(host);
        await DispatchAsync(host);

        Assert.Equal((0, 1, 0), (before.SilenceWarnings, first.SilenceWarnings, second.SilenceWarnings));
        var email = Assert.Single(StaffEmails(host));
        Assert.Contains($"{incident.Id}: the automatic status update goes out at", email.Body);
        Assert.Single(chat.Texts, t => t.Contains("unless someone writes to the customer first", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_are_told_once_when_a_spare_part_falls_to_its_reorder_level()
    {
        await using var chat = ChatReceiver.Start();
        await using var host = await StartAsync(chat);
        var stock = host.Services.GetRequiredService<SpareStock>();
        await stock.SaveAsync(new SparePart("KETTLE-01-LID", "KETTLE-01", "Lid", QuantityOnHand: 2, ReorderLevel: 1, UnitCost: 4.5m), Cancellation);

        var first = IncidentNumber.New();
        await stock.ReserveAsync(first, "KETTLE-01-LID", Cancellation);
        await stock.ReserveAsync(first, "KETTLE-01-LID", Cancellation);
        await stock.ReserveAsync(IncidentNumber.New(), "KETTLE-01-LID", Cancellation);
        await DispatchAsync(host);

        var email = Assert.Single(StaffEmails(host));
        Assert.Contains("Spare part KETTLE-01-LID is down to its reorder level (1 left, reorder level 1)", email.Body);
        Assert.Single(chat.Texts);
    }

    [Fact]
    public async Task Staff_are_told_when_a_workflow_step_failed_every_attempt()
    {
        await using var chat = ChatReceiver.Start();
        await using var host = await StepRetryTests.StartAsync(azurite, Settings(chat));
        host.Services.GetRequiredService<RefusingEmailSender>().Refuse("acknowledgement");

        var incident = await host.OpenAsync();
        await Poll.UntilTrueAsync(async () => (await Notices(host)).Any(n => n.Kind == StaffNoticeKind.StepFailed), "the notice");
        await DispatchAsync(host);

        Assert.Contains(StaffEmails(host), e => e.Body.Contains($"{incident.Id}: the workflow step Acknowledge failed every attempt", StringComparison.Ordinal));
        Assert.Single(chat.Texts, t => t.Contains("Acknowledge failed every attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_kind_switched_off_is_not_sent()
    {
        await using var chat = ChatReceiver.Start();
        var settings = Settings(chat);
        settings["Amends:Notifications:Off"] = "CustomerMessage";
        await using var host = await StartAsync(chat, settings);
        var incident = await host.OpenAsync();

        var now = DateTimeOffset.UtcNow;
        await host.Store.ChangeAsync(incident.Id, i => i.Raise(AttentionKind.CustomerMessage, now, "email").Raise(AttentionKind.Bounce, now), cancellationToken: Cancellation);
        var done = await DispatchAsync(host);
        var again = await DispatchAsync(host);

        Assert.Equal((2, 0), (done, again));
        Assert.Contains("bounced", Assert.Single(StaffEmails(host)).Body);
        Assert.Contains("bounced", Assert.Single(chat.Texts));
    }

    [Fact]
    public async Task A_digest_gathers_the_notices_of_its_interval_in_one_email()
    {
        await using var chat = ChatReceiver.Start();
        var settings = Settings(chat);
        settings["Amends:Notifications:DigestInterval"] = "01:00:00";
        await using var host = await StartAsync(chat, settings);
        var incident = await host.OpenAsync();

        var now = DateTimeOffset.UtcNow;
        await host.Store.ChangeAsync(incident.Id, i => i.Raise(AttentionKind.CustomerMessage, now, "email").Raise(AttentionKind.Bounce, now), cancellationToken: Cancellation);
        await DispatchAsync(host);
        await host.Store.ChangeAsync(incident.Id, i => i.Raise(AttentionKind.NeedsReview, now.AddSeconds(1)), cancellationToken: Cancellation);
        await DispatchAsync(host);

        var digest = Assert.Single(StaffEmails(host));
        Assert.Contains("2 incident notices", digest.Subject);
        Assert.Contains("the customer wrote (email)", digest.Body);
        Assert.Contains("bounced", digest.Body);
        Assert.DoesNotContain("needs review", digest.Body);
        Assert.Equal(3, chat.Texts.Count);
    }

    [Fact]
    public async Task A_retried_event_and_a_retried_webhook_tell_staff_once()
    {
        await using var chat = ChatReceiver.Start(failFirst: 2);
        await using var host = await StartAsync(chat);
        var incident = await host.OpenAsync();
        var at = DateTimeOffset.UtcNow;

        // The same step run twice raises the same reason at the same moment.
        await host.Store.ChangeAsync(incident.Id, i => i.Raise(AttentionKind.StepFailed, at, "Close"), cancellationToken: Cancellation);
        await host.Store.ChangeAsync(incident.Id, i => i.Raise(AttentionKind.StepFailed, at, "Close"), cancellationToken: Cancellation);

        // Two dispatchers at once: the claim lets one send.
        await Task.WhenAll(DispatchAsync(host), DispatchAsync(host));
        for (var round = 0; round < 4; round++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(450), Cancellation);
            await DispatchAsync(host);
        }

        Assert.Single(await Notices(host));
        Assert.Single(StaffEmails(host));
        Assert.Equal(3, chat.Posts.Count);
        Assert.Single(chat.Texts.Distinct());
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_given_up_after_its_attempts()
    {
        await using var chat = ChatReceiver.Start(failFirst: 100);
        var settings = Settings(chat);
        settings["Amends:Notifications:WebhookAttempts"] = "2";
        await using var host = await StartAsync(chat, settings);
        var incident = await host.OpenAsync();
        await host.Store.ChangeAsync(incident.Id, i => i.Raise(AttentionKind.Bounce, DateTimeOffset.UtcNow), cancellationToken: Cancellation);

        var first = await DispatchAsync(host);
        await Task.Delay(TimeSpan.FromMilliseconds(250), Cancellation);
        var second = await DispatchAsync(host);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Cancellation);
        await DispatchAsync(host);

        Assert.Equal((0, 1), (first, second));
        Assert.Equal(2, chat.Posts.Count);
        Assert.Single(StaffEmails(host));
    }

    [Fact]
    public async Task A_Teams_webhook_gets_a_message_card()
    {
        await using var chat = ChatReceiver.Start();
        var settings = Settings(chat);
        settings["Amends:Notifications:WebhookFormat"] = "Teams";
        await using var host = await StartAsync(chat, settings);
        var incident = await host.OpenAsync();
        await host.Store.ChangeAsync(incident.Id, i => i.Raise(AttentionKind.Bounce, DateTimeOffset.UtcNow), cancellationToken: Cancellation);

        await DispatchAsync(host);

        var card = Assert.Single(chat.Posts);
        Assert.Equal("MessageCard", card.GetProperty("@type").GetString());
        Assert.Contains(incident.Id, card.GetProperty("summary").GetString());
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("https://hooks.slack.com/services/T0/B0/x", "LowStock, bounce", true)]
    [InlineData("not a url", "", false)]
    [InlineData("", "LowStok", false)]
    public void Settings_are_checked_at_start_up(string webhookUrl, string off, bool valid)
    {
        var options = new NotificationOptions { WebhookUrl = webhookUrl, Off = off, EmailTo = StaffAddress };

        Assert.Equal(valid, !options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Any());
    }

    private static Dictionary<string, string?> Settings(ChatReceiver chat) => new()
    {
        ["Amends:Notifications:EmailTo"] = StaffAddress,
        ["Amends:Notifications:WebhookUrl"] = chat.Url,
        ["Amends:Notifications:WebhookRetryDelay"] = "00:00:00.200",
    };

    private Task<IncidentWorkflowHost> StartAsync(ChatReceiver chat, Dictionary<string, string?>? settings = null) =>
        IncidentWorkflowHost.StartAsync(azurite, QuietLimit, settings: settings ?? Settings(chat));

    private static Task<int> DispatchAsync(IncidentWorkflowHost host) =>
        host.Services.GetRequiredService<StaffNotifier>().DispatchAsync(Cancellation);

    private static Task<IReadOnlyList<StaffNotice>> Notices(IncidentWorkflowHost host) =>
        host.Services.GetRequiredService<StaffNotices>().ListAsync(Cancellation);

    private static IReadOnlyList<SentEmail> StaffEmails(IncidentWorkflowHost host) =>
        [.. host.Amends.Outbox().Where(e => e.To == StaffAddress)];
}
