using Amends.Inbound;
using Amends.Incidents;
using Amends.Photos;
using Amends.Retention;
using Amends.Silence;
using Amends.Storage;
using Amends.Tests.Fixtures;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Amends.Tests.Retention;

/// <summary>
/// Retention on Azurite: closing an incident schedules its raw mail and photos for deletion and tags
/// them for the lifecycle rule; the sweep deletes them once the retention period has passed since
/// closing, not before, and leaves an open incident's files alone.
/// </summary>
public sealed class ClosedIncidentFilesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Period = TimeSpan.FromDays(30);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly AmendsTestServices amends = new(azurite, settings: new Dictionary<string, string?> { ["Amends:Retention:ClosedIncidentFiles"] = "30.00:00:00" });
    private ServiceProvider services = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        services = await amends.BuildAsync(s => s.AddSingleton<TimeProvider>(clock), Cancellation);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        amends.Dispose();
    }

    [Fact]
    public async Task Raw_mail_and_photos_of_a_closed_incident_go_once_the_period_has_passed_since_closing()
    {
        var closed = await IncidentWithFilesAsync("closed");
        var open = await IncidentWithFilesAsync("open");
        var store = services.GetRequiredService<IncidentStore>();
        var closedAt = clock.GetUtcNow();
        await store.ChangeAsync(closed, i => i with { Status = IncidentStatus.Closed, ClosedAt = closedAt }, cancellationToken: Cancellation);
        await services.GetRequiredService<ClosedIncidentFiles>().ScheduleAsync(closed, closedAt, Cancellation);

        // Tagged for the lifecycle rule; the open incident's files are not.
        Assert.Equal(2, await TaggedAsync(closed));
        Assert.Equal(0, await TaggedAsync(open));

        clock.Advance(Period - TimeSpan.FromMinutes(1));
        await SweepAsync();
        Assert.Equal((1, 1), await FilesAsync(closed));

        clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync();
        Assert.Equal((0, 0), await FilesAsync(closed));
        Assert.Equal((1, 1), await FilesAsync(open));
        var note = Assert.Single(await store.TimelineAsync(closed, Cancellation), e => e.Text?.StartsWith("Retention:", StringComparison.Ordinal) == true);
        Assert.Equal("Retention: 1 photo(s) and 1 raw email(s) deleted, 30 days after closing.", note.Text);

        // Done once: the next pass finds nothing due.
        Assert.Equal(new RetentionReport(0, 0, 0), await services.GetRequiredService<ClosedIncidentFiles>().ApplyAsync(Cancellation));
    }

    [Fact]
    public async Task An_incident_reopened_after_closing_keeps_its_files()
    {
        var id = await IncidentWithFilesAsync("reopened");
        await services.GetRequiredService<ClosedIncidentFiles>().ScheduleAsync(id, clock.GetUtcNow(), Cancellation);

        clock.Advance(Period + TimeSpan.FromDays(1));
        var report = await services.GetRequiredService<ClosedIncidentFiles>().ApplyAsync(Cancellation);

        Assert.Equal(new RetentionReport(0, 0, 0), report);
        Assert.Equal((1, 1), await FilesAsync(id));
    }

    private async Task SweepAsync() =>
        await services.GetRequiredService<AttentionSweep>().RunAsync(new Mock<DurableTaskClient>("retention").Object, Cancellation);

    private async Task<string> IncidentWithFilesAsync(string word)
    {
        var incident = IncidentBuilder.Reported(clock.GetUtcNow());
        var store = services.GetRequiredService<IncidentStore>();
        Assert.True(await store.TryAddAsync(incident,
            new TimelineEntry(store.NewEntryId(), TimelineEntryKind.Reported, clock.GetUtcNow(), incident.Description, "customer", false, false), Cancellation));
        var photo = new AcceptedFile(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..24] + ".jpg", $"{word}.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
        await services.GetRequiredService<IncidentPhotos>().SaveAsync(incident.Id, photo, "email", clock.GetUtcNow(), Cancellation);
        var archive = services.GetRequiredService<MailArchive>();
        var name = await archive.ArchiveAsync(System.Text.Encoding.UTF8.GetBytes($"from=giulia@example.it&text={word} {incident.Id}"), "application/x-www-form-urlencoded", clock.GetUtcNow(), Cancellation);
        await archive.RecordAsync(name, new InboundOutcome(InboundOutcomeKind.NewIncident, incident.Id, name, Duplicate: false), Cancellation);
        return incident.Id;
    }

    private async Task<(int Photos, int RawMails)> FilesAsync(string incidentId)
    {
        var photos = await services.GetRequiredService<IncidentPhotos>().ListAsync(incidentId, Cancellation);
        var mails = 0;
        await foreach (var blob in Container(MailArchive.ContainerName).GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, null, Cancellation))
        {
            mails += blob.Metadata.TryGetValue("incident", out var id) && id == incidentId ? 1 : 0;
        }

        return (photos.Count, mails);
    }

    private async Task<int> TaggedAsync(string incidentId)
    {
        var tagged = 0;
        foreach (var container in new[] { IncidentPhotos.ContainerName, MailArchive.ContainerName })
        {
            await foreach (var blob in Container(container).GetBlobsAsync(BlobTraits.Metadata | BlobTraits.Tags, BlobStates.None, null, Cancellation))
            {
                var ours = blob.Name.StartsWith(incidentId + "/", StringComparison.Ordinal) || (blob.Metadata.TryGetValue("incident", out var id) && id == incidentId);
                if (ours && blob.Tags is { } tags && tags.TryGetValue(BlobRetention.TagName, out var tag) && tag == BlobRetention.Closed && blob.Metadata.ContainsKey("closedat"))
                {
                    tagged++;
                }
            }
        }

        return tagged;
    }

    private BlobContainerClient Container(string name) =>
        new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"{amends.TablePrefix.ToLowerInvariant()}-{name}");
}
