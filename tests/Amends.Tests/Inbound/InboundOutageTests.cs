using System.Net;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Storage;
using Amends.Tests.Fixtures;

namespace Amends.Tests.Inbound;

/// <summary>
/// Storage goes away while SendGrid posts: we answer 503 so it retries, nothing half-written is left,
/// and the retry after storage is back finishes the job once. Storage is cut by a switch in front of
/// Azurite that only this class uses, so other classes keep their storage.
/// </summary>
public sealed class InboundOutageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private StorageSwitch storage = null!;
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        storage = new StorageSwitch(azurite);
        host = await AmendsApiHost.StartAsync(azurite, new Dictionary<string, string?> { ["Amends:Storage:ConnectionString"] = storage.ConnectionString });
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await storage.DisposeAsync();
    }

    [Fact]
    public async Task Storage_unavailable_answers_503_and_the_retry_loses_nothing()
    {
        var post = SendGridPosts.Parsed(SendGridPosts.Sample("oversized-attachment.eml"));

        storage.Cut();
        using (var refused = await host.PostAsync(post))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        storage.Restore();
        Assert.Empty((await host.Workflows.Store.ListAsync(new IncidentQuery(), null, 50, Cancellation)).Items);

        var outcome = await host.DeliverAsync(post);

        Assert.Equal((InboundOutcomeKind.NewIncident, false), (outcome.Kind, outcome.Duplicate));
        var view = await host.IncidentAsync(outcome.IncidentId!);
        Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.PhotoAdded);
        Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.AttachmentRejected);
        var acknowledgement = await host.Workflows.EmailAsync(outcome.IncidentId!, "acknowledgement");
        Assert.Contains("paczka-cala.jpg", acknowledgement.Body);
    }

    [Fact]
    public async Task Tables_down_after_the_archive_answers_503_and_the_retry_finishes_once()
    {
        var post = SendGridPosts.Parsed(SendGridPosts.Sample("jpeg-with-gps-exif.eml"));

        // Half an outage: the raw mail is archived, then the tables fail; SendGrid must retry.
        storage.CutTables();
        using (var refused = await host.PostAsync(post))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        storage.Restore();
        var first = await host.DeliverAsync(post);
        var second = await host.DeliverAsync(post);

        Assert.Equal(first.IncidentId, second.IncidentId);
        Assert.Single((await host.Workflows.Store.ListAsync(new IncidentQuery(), null, 50, Cancellation)).Items);
        Assert.Single((await host.IncidentAsync(first.IncidentId!)).Timeline, e => e.Kind == TimelineEntryKind.Reported);
        await host.Workflows.EmailAsync(first.IncidentId!, "acknowledgement");
    }
}
