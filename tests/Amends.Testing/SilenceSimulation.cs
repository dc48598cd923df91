using System.Globalization;

namespace Amends.Testing;

/// <summary>
/// The never-silent promise at scale: opens incidents on the real server under a silence limit of seconds,
/// has staff act on them at random (replies, a chosen resolution, a resolve), kills the server
/// (<c>kill -9</c>) at given moments and starts it again, then reads from the outbox, for each incident
/// while it was open, the longest time its customer went without an email. Shared by bench/ (thousands of
/// incidents) and tests/…/EndToEnd/NeverSilentTests (50).
/// </summary>
public sealed class SilenceSimulation(ServerProcess server, TimeSpan patience)
{
    /// <summary>
    /// The server's settings for a run: the silence limit, the sweep (which wakes a workflow whose customer is
    /// overdue) every <paramref name="sweep"/>, and three waits per workflow generation, so runs continue as new.
    /// </summary>
    public static Dictionary<string, string> Settings(string tablePrefix, TimeSpan limit, TimeSpan sweep) => new()
    {
        ["Amends__Storage__TablePrefix"] = tablePrefix,
        ["Amends__Silence__Limit"] = limit.ToString("c", CultureInfo.InvariantCulture),
        ["Amends__Silence__TurnsPerGeneration"] = "3",
        ["Amends__Sweep__Interval"] = sweep.ToString("c", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Opens <paramref name="incidents"/> incidents (<paramref name="concurrency"/> calls at a time, evenly over the first
    /// <paramref name="openOver"/> of the run: a store's customers do not all write in the same second, and their silence
    /// timers then do not all fall due together), lets staff act at random moments until <paramref name="duration"/> has
    /// passed, kills the server at each of <paramref name="kills"/> (from the start), and measures the customers' silences.
    /// </summary>
    public async Task<SilenceReport> RunAsync(
        int incidents, TimeSpan duration, IReadOnlyList<TimeSpan> kills, int seed, int concurrency, CancellationToken cancellationToken, TimeSpan openOver = default)
    {
        var driver = new LifecycleDriver(server, patience);
        var random = new Random(seed);
        var plans = Enumerable.Range(0, incidents).Select(n => PlanFor(n, random, duration)).ToList();
        using var throttle = new SemaphoreSlim(concurrency);
        var start = DateTime.UtcNow;

        async Task<T> ThrottledAsync<T>(Func<Task<T>> call)
        {
            await throttle.WaitAsync(cancellationToken);
            try
            {
                return await call();
            }
            finally
            {
                throttle.Release();
            }
        }

        async Task<IncidentOpen> LiveAsync(Plan plan)
        {
            var due = start + openOver * plan.Number / incidents - DateTime.UtcNow;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var opened = DateTime.MinValue;
            var id = await ThrottledAsync(() =>
            {
                // Open from the moment the store asks, not while the call waits for a place.
                opened = DateTime.UtcNow;
                return driver.OpenAsync(plan.Number, cancellationToken);
            });
            DateTime? closed = null;
            foreach (var (at, action) in plan.Actions)
            {
                var wait = start + at - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                await ThrottledAsync(async () =>
                {
                    switch (action)
                    {
                        case StaffAction.Reply:
                            await driver.ReplyAsync(id, "We are on it and will write again soon.", cancellationToken);
                            break;
                        case StaffAction.Choose:
                            await driver.ChooseAsync(id, plan.Number, "Refund", cancellationToken);
                            break;
                        default:
                            await driver.ResolveChosenAsync(id, cancellationToken);
                            closed = DateTime.UtcNow;
                            break;
                    }

                    return true;
                });
            }

            return new IncidentOpen(id, opened, closed);
        }

        var living = Task.WhenAll(plans.Select(LiveAsync));
        List<(DateTime Down, DateTime Up)> outages = [];
        foreach (var kill in kills)
        {
            var wait = start + kill - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.WhenAny(living, Task.Delay(wait, cancellationToken));
            }

            var down = DateTime.UtcNow;
            await server.KillAsync();
            await server.StartAsync();
            outages.Add((down, DateTime.UtcNow));
        }

        var open = await living;
        var rest = start + duration - DateTime.UtcNow;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, cancellationToken);
        }

        var end = DateTime.UtcNow;
        var emails = OutboxFile.All(server.OutboxPath).ToLookup(e => e.Incident);
        var silences = open.Select(incident => Silence(incident, emails[incident.Id], incident.ClosedAt ?? end, outages)).ToList();
        return new SilenceReport(silences, outages, end - start);
    }

    /// <summary>What staff do to incident <paramref name="n"/> and when (from the start): replies, a chosen resolution, a resolve.</summary>
    private static Plan PlanFor(int n, Random random, TimeSpan duration)
    {
        List<(TimeSpan At, StaffAction Action)> actions = [];
        TimeSpan Moment(double from) => duration * (from + random.NextDouble() * (0.9 - from));
        var roll = random.NextDouble();
        for (var reply = 0; reply < (roll < 0.4 ? random.Next(1, 4) : 0); reply++)
        {
            actions.Add((Moment(0.1), StaffAction.Reply));
        }

        if (roll is >= 0.3 and < 0.8)
        {
            var chosen = Moment(0.1);
            actions.Add((chosen, StaffAction.Choose));
            if (roll >= 0.55)
            {
                // Resolved some time after the choice: from then on the incident is no longer open, nor written to by staff.
                var resolved = chosen + (duration * 0.95 - chosen) * random.NextDouble();
                actions.RemoveAll(a => a.Action == StaffAction.Reply && a.At > resolved);
                actions.Add((resolved, StaffAction.Resolve));
            }
        }

        return new Plan(n, [.. actions.OrderBy(a => a.At).ThenBy(a => a.Action)]);
    }

    /// <summary>The longest time the customer of <paramref name="incident"/> heard nothing while it was open.</summary>
    private static IncidentSilence Silence(IncidentOpen incident, IEnumerable<OutboxFile> emails, DateTime until, IReadOnlyList<(DateTime Down, DateTime Up)> outages)
    {
        var moments = emails.Select(e => e.WrittenAt).Where(t => t > incident.OpenedAt && t < until).Order().Prepend(incident.OpenedAt).Append(until).ToList();
        var (from, to) = moments.Zip(moments.Skip(1)).MaxBy(gap => gap.Second - gap.First);
        var within = outages.Where(o => from < o.Up && to > o.Down).ToList();
        var acknowledged = emails.Where(e => e.Step == "acknowledgement").Select(e => (TimeSpan?)(e.WrittenAt - incident.OpenedAt)).Min();
        return new IncidentSilence(
            incident.Id, to - from, from, within.Count > 0, incident.ClosedAt is not null, moments.Count - 2, within.Aggregate(TimeSpan.Zero, (sum, o) => sum + (o.Up - o.Down)), acknowledged);
    }

    private enum StaffAction
    {
        Reply,
        Choose,
        Resolve,
    }

    private sealed record Plan(int Number, IReadOnlyList<(TimeSpan At, StaffAction Action)> Actions);

    private sealed record IncidentOpen(string Id, DateTime OpenedAt, DateTime? ClosedAt);
}

/// <summary>What a silence simulation found.</summary>
/// <param name="Incidents">Each incident's longest silence.</param>
/// <param name="Outages">Each kill: when the server was killed and when its health answered again.</param>
/// <param name="Took">The run's length.</param>
public sealed record SilenceReport(IReadOnlyList<IncidentSilence> Incidents, IReadOnlyList<(DateTime Down, DateTime Up)> Outages, TimeSpan Took);

/// <summary>The longest time one customer went without an email while the incident was open.</summary>
/// <param name="Id">The incident.</param>
/// <param name="Longest">The longest gap: from opening, or an email, to the next email, or to the resolve or the run's end.</param>
/// <param name="From">When that gap began.</param>
/// <param name="AcrossKill">Whether a kill and restart fell inside that gap.</param>
/// <param name="Resolved">Whether staff resolved the incident during the run.</param>
/// <param name="Emails">Emails the customer got while the incident was open.</param>
/// <param name="Downtime">The kills' downtimes (kill → health answered) inside that gap, added together.</param>
/// <param name="Acknowledged">From the create to the acknowledgement's email (the machine's time for a step, under the run's own load); null if none came.</param>
public sealed record IncidentSilence(string Id, TimeSpan Longest, DateTime From, bool AcrossKill, bool Resolved, int Emails, TimeSpan Downtime, TimeSpan? Acknowledged);
