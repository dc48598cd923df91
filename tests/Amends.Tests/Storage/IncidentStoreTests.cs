using Amends.Incidents;
using Amends.Storage;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Amends.Tests.Storage;

/// <summary>
/// The incident store against real Table Storage (the assembly's Azurite). Every test gets tables of
/// its own (a fresh prefix), so tests are independent and run in parallel with other classes.
/// </summary>
public sealed class IncidentStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 30, 15, 123, TimeSpan.Zero);

    private readonly AmendsTestServices amends = new(azurite);
    private readonly FakeTimeProvider clock = new(Start);
    private ServiceProvider services = null!;

    private IncidentStore Store => services.GetRequiredService<IncidentStore>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        services = await amends.BuildAsync(s => s.AddSingleton<TimeProvider>(clock), Cancellation);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        amends.Dispose();
    }

    [Fact]
    public async Task A_reported_incident_reads_back_exactly_as_stored_with_every_field_and_accents()
    {
        var incident = IncidentBuilder.Reported(Start, language: "pl") with
        {
            Customer = new Customer("zolc@example.pl", "Żółć Gęślą Jaźń", "pl"),
            OrderNumber = "#PL/2026/0042",
            Description = "Caffè è arrivato freddo; czajnik przyszedł bez pokrywki. 🫖",
            Sku = "KETTLE-ŻÓŁW",
            Status = IncidentStatus.Resolved,
            Category = IncidentCategory.MissingPart,
            Responsibility = Responsibility.Carrier,
            LastCustomerContactAt = Start.AddHours(5),
            NeedsAttention = true,
            Resolution = new Resolution(
                ResolutionType.SparePart,
                PartCost: 4.35m,
                ReplacementCost: 0m,
                ShippingCost: 6.90m,
                LabelCost: 1.25m,
                RefundAmount: 12.50m,
                TrackingNumber: "TRK-ÈÙ-1",
                Note: "Pokrywka wysłana; è in arrivo."),
            ResolvedAt = Start.AddDays(2),
            ClosedAt = Start.AddDays(3),
            DiscountCode = "SORRY-ABCDEFGH",
        };
        var reported = new TimelineEntry(Store.NewEntryId(), TimelineEntryKind.Reported, Start, incident.Description, "customer", false, false);

        Assert.True(await Store.TryAddAsync(incident, reported, Cancellation));
        var found = await Store.FindAsync(incident.Id, Cancellation);

        Assert.NotNull(found);
        Assert.Equal(incident, found.Value);
        Assert.Equal(incident.Resolution, found.Value.Resolution);
        Assert.Equal([reported], await Store.TimelineAsync(incident.Id, Cancellation));
    }

    [Fact]
    public async Task A_new_incident_without_resolution_reads_back_with_its_nulls()
    {
        var incident = IncidentBuilder.Reported(Start, language: "it") with { Sku = null };

        await AddAsync(incident);
        var found = await Store.FindAsync(incident.Id, Cancellation);

        Assert.Equal(incident, found?.Value);
    }

    [Fact]
    public async Task An_incident_number_is_taken_only_once()
    {
        var incident = IncidentBuilder.Reported(Start);
        await AddAsync(incident);

        var again = await Store.TryAddAsync(incident with { Description = "Another report." }, Entry(TimelineEntryKind.Reported), Cancellation);

        Assert.False(again);
        Assert.Equal(incident.Description, (await Store.FindAsync(incident.Id, Cancellation))!.Value.Description);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(130)]
    public async Task A_new_incident_is_stored_with_its_entries_and_indexed_even_beyond_one_transaction(int count)
    {
        var incident = IncidentBuilder.Reported(Start);
        var reported = Entry(TimelineEntryKind.Reported, incident.Description);
        var notes = Enumerable.Range(0, count).Select(i => Entry(TimelineEntryKind.InternalNote, $"Note {i}.")).ToList();

        Assert.True(await Store.TryAddAsync(incident, reported, notes, Cancellation));

        Assert.Equal([reported, .. notes], await Store.TimelineAsync(incident.Id, Cancellation));
        Assert.Equal([incident.Id], (await ListAllAsync(new IncidentQuery(OrderNumber: incident.OrderNumber))).Select(i => i.Id));
    }

    [Fact]
    public async Task A_taken_number_keeps_its_incident_and_timeline_when_added_again_with_entries()
    {
        var incident = IncidentBuilder.Reported(Start);
        var reported = await AddAsync(incident);

        var again = await Store.TryAddAsync(
            incident with { Description = "Another report." }, Entry(TimelineEntryKind.Reported), [Entry(TimelineEntryKind.InternalNote, "Not written.")], Cancellation);

        Assert.False(again);
        Assert.Equal(incident.Description, (await Store.FindAsync(incident.Id, Cancellation))!.Value.Description);
        Assert.Equal([reported], await Store.TimelineAsync(incident.Id, Cancellation));
    }

    [Fact]
    public async Task An_unknown_incident_is_not_found_and_cannot_be_changed()
    {
        Assert.Null(await Store.FindAsync(IncidentNumber.New(), Cancellation));
        Assert.Null(await Store.ChangeAsync(IncidentNumber.New(), i => i with { NeedsAttention = true }, cancellationToken: Cancellation));
    }

    [Fact]
    public async Task The_timeline_reads_oldest_first_whatever_the_order_entries_were_written_in()
    {
        var incident = IncidentBuilder.Reported(Start);
        var reported = await AddAsync(incident);
        var acknowledged = Entry(TimelineEntryKind.Acknowledged, "Acknowledgement emailed.", customerFacing: true, delivered: true);
        var diagnosed = Entry(TimelineEntryKind.Diagnosed, "Category Defective, responsibility Store.");
        var update = Entry(TimelineEntryKind.StaffUpdate, "La nuova maniglia è partita.", customerFacing: true);

        // Written newest first: the timeline still tells the story in order.
        await Store.AppendAsync(incident.Id, update, Cancellation);
        await Store.AppendAsync(incident.Id, diagnosed, Cancellation);
        await Store.AppendAsync(incident.Id, acknowledged, Cancellation);

        var timeline = await Store.TimelineAsync(incident.Id, Cancellation);

        Assert.Equal([reported, acknowledged, diagnosed, update], timeline);
    }

    [Fact]
    public async Task The_timeline_belongs_to_its_incident_alone()
    {
        var first = IncidentBuilder.Reported(Start);
        var second = IncidentBuilder.Reported(Start);
        var firstReported = await AddAsync(first);
        await AddAsync(second);
        await Store.AppendAsync(second.Id, Entry(TimelineEntryKind.InternalNote, "Only about the second."), Cancellation);

        Assert.Equal([firstReported], await Store.TimelineAsync(first.Id, Cancellation));
        Assert.Equal(2, (await Store.TimelineAsync(second.Id, Cancellation)).Count);
    }

    [Fact]
    public async Task The_queue_lists_open_incidents_oldest_first_then_resolved_then_closed()
    {
        var incidents = Enumerable.Range(0, 7).Select(i => IncidentBuilder.Reported(Start.AddMinutes(i * 10))).ToList();
        foreach (var incident in incidents.OrderByDescending(i => i.CreatedAt))
        {
            await AddAsync(incident);
        }

        // The oldest is resolved and then closed; others are resolved or closed in one step.
        await SetStatusAsync(incidents[0].Id, IncidentStatus.Resolved);
        await SetStatusAsync(incidents[0].Id, IncidentStatus.Closed);
        await SetStatusAsync(incidents[2].Id, IncidentStatus.Resolved);
        await SetStatusAsync(incidents[5].Id, IncidentStatus.Resolved);
        await SetStatusAsync(incidents[3].Id, IncidentStatus.Closed);

        var queue = await ListAllAsync(new IncidentQuery());

        Assert.Equal(
            [
                (incidents[1].Id, IncidentStatus.Open),
                (incidents[4].Id, IncidentStatus.Open),
                (incidents[6].Id, IncidentStatus.Open),
                (incidents[2].Id, IncidentStatus.Resolved),
                (incidents[5].Id, IncidentStatus.Resolved),
                (incidents[0].Id, IncidentStatus.Closed),
                (incidents[3].Id, IncidentStatus.Closed),
            ],
            queue.Select(s => (s.Id, s.Status)));
    }

    [Fact]
    public async Task The_queue_line_carries_what_staff_need_to_pick_the_next_incident()
    {
        var incident = IncidentBuilder.Reported(Start) with
        {
            Customer = new Customer("Zofia.Zolc@Example.PL", "Żółć", "pl"),
            Category = IncidentCategory.WrongItem,
            Responsibility = Responsibility.Store,
        };
        await AddAsync(incident);
        var contact = Start.AddDays(7);
        await Store.ChangeAsync(incident.Id, i => i with { NeedsAttention = true, LastCustomerContactAt = contact }, cancellationToken: Cancellation);

        var line = Assert.Single(await ListAllAsync(new IncidentQuery()));

        Assert.Equal(
            new IncidentSummary(incident.Id, IncidentStatus.Open, IncidentCategory.WrongItem, Responsibility.Store, Start,
                "#1001", "Żółć", "Zofia.Zolc@Example.PL", NeedsAttention: true, contact, Sku: "KETTLE-01"),
            line);
    }

    [Fact]
    public async Task The_queue_filters_by_status()
    {
        var (open, resolved, closed) = (IncidentBuilder.Reported(Start), IncidentBuilder.Reported(Start.AddMinutes(1)), IncidentBuilder.Reported(Start.AddMinutes(2)));
        await AddAsync(open, resolved, closed);
        await SetStatusAsync(resolved.Id, IncidentStatus.Resolved);
        await SetStatusAsync(closed.Id, IncidentStatus.Closed);

        Assert.Equal([open.Id], await IdsAsync(new IncidentQuery(Status: IncidentStatus.Open)));
        Assert.Equal([resolved.Id], await IdsAsync(new IncidentQuery(Status: IncidentStatus.Resolved)));
        Assert.Equal([closed.Id], await IdsAsync(new IncidentQuery(Status: IncidentStatus.Closed)));
    }

    [Fact]
    public async Task The_queue_filters_by_category()
    {
        var damaged = IncidentBuilder.Reported(Start) with { Category = IncidentCategory.DamagedInTransit };
        var defective = IncidentBuilder.Reported(Start.AddMinutes(1)) with { Category = IncidentCategory.Defective };
        var laterDamaged = IncidentBuilder.Reported(Start.AddMinutes(2));
        await AddAsync(damaged, defective, laterDamaged);
        await Store.ChangeAsync(laterDamaged.Id, i => i with { Category = IncidentCategory.DamagedInTransit }, cancellationToken: Cancellation);

        Assert.Equal([damaged.Id, laterDamaged.Id], await IdsAsync(new IncidentQuery(Category: IncidentCategory.DamagedInTransit)));
        Assert.Equal([defective.Id], await IdsAsync(new IncidentQuery(Category: IncidentCategory.Defective)));
        Assert.Empty(await IdsAsync(new IncidentQuery(Category: IncidentCategory.ChangedMind)));
    }

    [Fact]
    public async Task The_queue_filters_by_responsibility()
    {
        var ours = IncidentBuilder.Reported(Start) with { Responsibility = Responsibility.Store };
        var carriers = IncidentBuilder.Reported(Start.AddMinutes(1)) with { Responsibility = Responsibility.Carrier };
        var undecided = IncidentBuilder.Reported(Start.AddMinutes(2));
        await AddAsync(ours, carriers, undecided);

        Assert.Equal([ours.Id], await IdsAsync(new IncidentQuery(Responsibility: Responsibility.Store)));
        Assert.Equal([carriers.Id], await IdsAsync(new IncidentQuery(Responsibility: Responsibility.Carrier)));
        Assert.Equal([undecided.Id], await IdsAsync(new IncidentQuery(Responsibility: Responsibility.Unknown)));
    }

    [Fact]
    public async Task The_queue_filters_by_reporting_date_from_inclusive_to_exclusive()
    {
        var days = Enumerable.Range(0, 5).Select(d => IncidentBuilder.Reported(Start.AddDays(d))).ToList();
        await AddAsync([.. days]);
        await SetStatusAsync(days[2].Id, IncidentStatus.Resolved);

        var range = new IncidentQuery(From: Start.AddDays(1), To: Start.AddDays(3));

        // Open first: day 1 (open), then day 2 (resolved); day 3 is at "To" and so outside.
        Assert.Equal([days[1].Id, days[2].Id], await IdsAsync(range));
        Assert.Equal([days[3].Id, days[4].Id], await IdsAsync(new IncidentQuery(From: Start.AddDays(3))));
        Assert.Equal([days[0].Id], await IdsAsync(new IncidentQuery(To: Start.AddDays(1))));
    }

    [Fact]
    public async Task The_queue_filters_by_status_and_date_range_together()
    {
        var days = Enumerable.Range(0, 5).Select(d => IncidentBuilder.Reported(Start.AddDays(d))).ToList();
        await AddAsync([.. days]);
        await SetStatusAsync(days[1].Id, IncidentStatus.Resolved);
        await SetStatusAsync(days[3].Id, IncidentStatus.Resolved);

        Assert.Equal([days[2].Id], await IdsAsync(new IncidentQuery(IncidentStatus.Open, From: Start.AddDays(1), To: Start.AddDays(4))));
        Assert.Equal([days[1].Id, days[3].Id], await IdsAsync(new IncidentQuery(IncidentStatus.Resolved, From: Start.AddDays(1), To: Start.AddDays(4))));
        Assert.Equal([days[3].Id], await IdsAsync(new IncidentQuery(IncidentStatus.Resolved, From: Start.AddDays(2))));
        Assert.Equal([days[0].Id, days[2].Id], await IdsAsync(new IncidentQuery(IncidentStatus.Open, To: Start.AddDays(3))));
    }

    [Fact]
    public async Task The_queue_filters_by_order_number_even_with_hash_and_slash_ignoring_case_and_spaces()
    {
        var order = IncidentBuilder.Reported(Start) with { OrderNumber = "#IT/2026/0042" };
        var secondOfOrder = IncidentBuilder.Reported(Start.AddMinutes(1)) with { OrderNumber = "#IT/2026/0042" };
        var similar = IncidentBuilder.Reported(Start.AddMinutes(2)) with { OrderNumber = "#IT/2026/00421" };
        var other = IncidentBuilder.Reported(Start.AddMinutes(3)) with { OrderNumber = "IT/2026/0042" };
        await AddAsync(order, secondOfOrder, similar, other);
        await SetStatusAsync(order.Id, IncidentStatus.Closed);

        Assert.Equal([secondOfOrder.Id, order.Id], await IdsAsync(new IncidentQuery(OrderNumber: "#IT/2026/0042")));
        Assert.Equal([secondOfOrder.Id, order.Id], await IdsAsync(new IncidentQuery(OrderNumber: " #it/2026/0042 ")));
        Assert.Equal([similar.Id], await IdsAsync(new IncidentQuery(OrderNumber: "#IT/2026/00421")));
        Assert.Equal([secondOfOrder.Id], await IdsAsync(new IncidentQuery(Status: IncidentStatus.Open, OrderNumber: "#IT/2026/0042")));
    }

    [Fact]
    public async Task The_queue_filters_by_customer_email_ignoring_case()
    {
        var giulia = IncidentBuilder.Reported(Start) with { Customer = new Customer("Giulia.Rossi@Example.IT", "Giulia Rossi", "it") };
        var giuliaAgain = IncidentBuilder.Reported(Start.AddMinutes(1)) with
        {
            Customer = new Customer("giulia.rossi@example.it", "Giulia Rossi", "it"),
            OrderNumber = "#1002",
        };
        var someoneElse = IncidentBuilder.Reported(Start.AddMinutes(2)) with { Customer = new Customer("marco@example.it", "Marco", "it") };
        await AddAsync(giulia, giuliaAgain, someoneElse);

        Assert.Equal([giulia.Id, giuliaAgain.Id], await IdsAsync(new IncidentQuery(CustomerEmail: "GIULIA.ROSSI@example.it")));
        Assert.Equal([someoneElse.Id], await IdsAsync(new IncidentQuery(CustomerEmail: " Marco@Example.it ")));
        Assert.Equal([giuliaAgain.Id], await IdsAsync(new IncidentQuery(OrderNumber: "#1002", CustomerEmail: "Giulia.Rossi@example.IT")));
        Assert.Empty(await IdsAsync(new IncidentQuery(OrderNumber: "#1002", CustomerEmail: "marco@example.it")));
    }

    [Fact]
    public async Task The_queue_pages_with_a_continuation_token_without_duplicates_or_gaps()
    {
        var incidents = Enumerable.Range(0, 5).Select(i => IncidentBuilder.Reported(Start.AddMinutes(i))).ToList();
        await AddAsync([.. incidents]);

        List<string> seen = [];
        List<int> pageSizes = [];
        string? token = null;
        do
        {
            var page = await Store.ListAsync(new IncidentQuery(), token, pageSize: 2, Cancellation);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(i => i.Id));
            pageSizes.Add(page.Items.Count);
            token = page.ContinuationToken;
            Assert.True(token is null || IncidentStore.IsContinuationToken(token));
            Assert.True(pageSizes.Count <= 6, "The pages never end.");
        }
        while (token is not null);

        Assert.Equal(incidents.Select(i => i.Id), seen);
        Assert.Equal([2, 2, 1], pageSizes.Where(size => size > 0));
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_a_concurrency_conflict()
    {
        var incident = IncidentBuilder.Reported(Start);
        await AddAsync(incident);
        var read = (await Store.FindAsync(incident.Id, Cancellation))!;

        var updated = await Store.UpdateAsync(read.Value with { NeedsAttention = true }, read.ETag, Cancellation);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.UpdateAsync(read.Value with { Category = IncidentCategory.Defective }, read.ETag, Cancellation));

        Assert.NotEqual(read.ETag, updated.ETag);
        Assert.Contains(incident.Id, conflict.Message);
        var stored = (await Store.FindAsync(incident.Id, Cancellation))!;
        Assert.True(stored.Value.NeedsAttention);
        Assert.Equal(IncidentCategory.Unknown, stored.Value.Category);
        Assert.Equal(updated.ETag, stored.ETag);

        // The fresh ETag works.
        await Store.UpdateAsync(stored.Value with { Category = IncidentCategory.Defective }, stored.ETag, Cancellation);
    }

    [Fact]
    public async Task Two_concurrent_changes_both_survive_because_the_loser_retries()
    {
        var incident = IncidentBuilder.Reported(Start);
        var reported = await AddAsync(incident);
        var flagged = Entry(TimelineEntryKind.SilenceUpdate, "Status update emailed.", customerFacing: true, delivered: true);
        var diagnosed = Entry(TimelineEntryKind.Diagnosed, "Category Defective, responsibility Store.");
        using var firstHasRead = new SemaphoreSlim(0);
        using var secondHasWritten = new ManualResetEventSlim();
        var firstAttempts = 0;

        // The first writer reads, then waits while the second writer changes the incident under it.
        var first = Task.Run(() => Store.ChangeAsync(
            incident.Id,
            i =>
            {
                if (Interlocked.Increment(ref firstAttempts) == 1)
                {
                    firstHasRead.Release();
                    Assert.True(secondHasWritten.Wait(TimeSpan.FromSeconds(30), Cancellation));
                }

                return i with { NeedsAttention = true, LastCustomerContactAt = Start.AddDays(7) };
            },
            [flagged],
            Cancellation), Cancellation);
        Assert.True(await firstHasRead.WaitAsync(TimeSpan.FromSeconds(30), Cancellation));
        var second = await Store.ChangeAsync(
            incident.Id,
            i => i with { Category = IncidentCategory.Defective, Responsibility = Responsibility.Store },
            [diagnosed],
            Cancellation);
        secondHasWritten.Set();
        var firstResult = await first;

        Assert.Equal(2, firstAttempts);
        Assert.False(second!.NeedsAttention);
        Assert.Equal(IncidentCategory.Defective, firstResult!.Category);
        var stored = (await Store.FindAsync(incident.Id, Cancellation))!.Value;
        Assert.Equal(
            incident with
            {
                NeedsAttention = true,
                LastCustomerContactAt = Start.AddDays(7),
                Category = IncidentCategory.Defective,
                Responsibility = Responsibility.Store,
            },
            stored);
        Assert.Equal([reported, flagged, diagnosed], await Store.TimelineAsync(incident.Id, Cancellation));
        var line = Assert.Single(await ListAllAsync(new IncidentQuery()));
        Assert.True(line.NeedsAttention);
        Assert.Equal(IncidentCategory.Defective, line.Category);
    }

    [Fact]
    public async Task The_email_log_lets_a_step_send_once()
    {
        var incident = IncidentBuilder.Reported(Start);
        await AddAsync(incident);

        Assert.True(await Store.BeginEmailAsync(incident.Id, "acknowledgement", Cancellation));
        Assert.True(await Store.BeginEmailAsync(incident.Id, "acknowledgement", Cancellation)); // Not sent yet: a retry may send.
        await Store.CompleteEmailAsync(incident.Id, "acknowledgement", Cancellation);

        Assert.False(await Store.BeginEmailAsync(incident.Id, "acknowledgement", Cancellation));
        Assert.True(await Store.BeginEmailAsync(incident.Id, "apology", Cancellation));
        Assert.Equal([TimelineEntryKind.Reported], (await Store.TimelineAsync(incident.Id, Cancellation)).Select(e => e.Kind));
    }

    [Fact]
    public async Task An_idempotency_key_is_claimed_once_and_a_retry_finds_the_first_resource()
    {
        var keys = services.GetRequiredService<IdempotencyKeys>();
        var fingerprint = IdempotencyKeys.Fingerprint("{\"orderNumber\":\"#1001\"}"u8);

        var first = await keys.ClaimAsync("create-incident", "key-1", "AMD-FIRST001", fingerprint, Cancellation);
        var retry = await keys.ClaimAsync("create-incident", "key-1", "AMD-SECOND02", fingerprint, Cancellation);
        var reused = await keys.ClaimAsync("create-incident", "key-1", "AMD-THIRD003", IdempotencyKeys.Fingerprint("{}"u8), Cancellation);
        var otherScope = await keys.ClaimAsync("another-scope", "key-1", "AMD-FOURTH04", fingerprint, Cancellation);

        Assert.Equal(new IdempotencyClaim("AMD-FIRST001", IsFirst: true, SameRequest: true), first);
        Assert.Equal(new IdempotencyClaim("AMD-FIRST001", IsFirst: false, SameRequest: true), retry);
        Assert.Equal(new IdempotencyClaim("AMD-FIRST001", IsFirst: false, SameRequest: false), reused);
        Assert.Equal(new IdempotencyClaim("AMD-FOURTH04", IsFirst: true, SameRequest: true), otherScope);
    }

    [Fact]
    public async Task An_idempotency_key_with_any_characters_is_claimed_and_concurrent_claims_agree()
    {
        var keys = services.GetRequiredService<IdempotencyKeys>();
        const string Key = "<CAFjè/Żółć#1?@mail.example.com>";

        var claims = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            keys.ClaimAsync("inbound-email", Key, $"AMD-CLAIM00{i}", "fp", Cancellation)));

        Assert.Single(claims, c => c.IsFirst);
        Assert.Single(claims.Select(c => c.ResourceId).Distinct());
        Assert.All(claims, c => Assert.True(c.SameRequest));
    }

    private TimelineEntry Entry(TimelineEntryKind kind, string? text = null, bool customerFacing = false, bool delivered = false)
    {
        // Each entry a little later than the one before, as on a real timeline.
        clock.Advance(TimeSpan.FromSeconds(1));
        return new TimelineEntry(Store.NewEntryId(), kind, clock.GetUtcNow(), text, "staff", customerFacing, delivered);
    }

    private async Task<TimelineEntry> AddAsync(Incident incident)
    {
        var reported = Entry(TimelineEntryKind.Reported, incident.Description);
        Assert.True(await Store.TryAddAsync(incident, reported, Cancellation));
        return reported;
    }

    private async Task AddAsync(params Incident[] incidents)
    {
        foreach (var incident in incidents)
        {
            await AddAsync(incident);
        }
    }

    private Task SetStatusAsync(string id, IncidentStatus status) =>
        Store.ChangeAsync(id, i => i with { Status = status }, cancellationToken: Cancellation);

    private async Task<IReadOnlyList<IncidentSummary>> ListAllAsync(IncidentQuery query)
    {
        List<IncidentSummary> all = [];
        string? token = null;
        do
        {
            var page = await Store.ListAsync(query, token, pageSize: 100, Cancellation);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return all;
    }

    private async Task<IReadOnlyList<string>> IdsAsync(IncidentQuery query) =>
        [.. (await ListAllAsync(query)).Select(s => s.Id)];
}
