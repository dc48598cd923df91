using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amends.Email;
using Amends.Incidents;
using Amends.Intake;
using Amends.Photos;
using Amends.Resolve;
using Amends.Storage;
using Amends.Telemetry;
using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amends.Inbound;

/// <summary>
/// The store's incidents mailbox: every post from SendGrid Inbound Parse goes archive → read → dedupe
/// → route → store → wake. The raw post is archived before it is read, so nothing is lost; the
/// decision about a message (new incident, reply, automatic, needs review) is claimed once per
/// Message-ID through the idempotency seam, and every write after it is an upsert with ids derived
/// from that claim, so a retried delivery finishes what an earlier one started and doubles nothing.
/// Storage is the truth: the timeline is written before the workflow is woken.
/// </summary>
public sealed partial class InboundMailbox(
    MailArchive archive,
    IncidentStore store,
    IdempotencyKeys keys,
    IncidentIntake intake,
    StaffActions staff,
    PhotoChecks checks,
    IncidentPhotos photos,
    MailThreads threads,
    IncidentClassifier classifier,
    Reopen.Reopening reopening,
    Orders.OrderReading orders,
    IOptions<EmailOptions> email,
    IOptions<InboundOptions> inbound,
    TimeProvider clock,
    ILogger<InboundMailbox> logger)
{
    /// <summary>The idempotency scope of inbound Message-IDs, apart from the API's idempotency keys.</summary>
    internal const string Scope = "inbound-email";

    private const string FromCustomer = "customer";
    private const string FromAmends = "amends";
    private const string FromStaff = "staff";
    private const string PhotoSource = "email";
    private const int MaxNameLength = 200;

    /// <summary>Takes one authenticated post.</summary>
    /// <param name="post">The raw body, exactly as received.</param>
    /// <param name="contentType">The post's content type, with its multipart boundary.</param>
    /// <param name="workflows">The durable client of the host.</param>
    /// <param name="cancellationToken">Cancels the work; a cancelled post is retried by SendGrid and finishes then.</param>
    /// <exception cref="Azure.RequestFailedException">Storage is unavailable: answer 5xx so SendGrid retries.</exception>
    public async Task<InboundOutcome> ReceiveAsync(byte[] post, string? contentType, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        var receivedAt = clock.GetUtcNow();
        var archived = await archive.ArchiveAsync(post, contentType, receivedAt, cancellationToken);
        InboundOutcome outcome;
        try
        {
            var mail = await SendGridPost.ReadAsync(post, contentType, inbound.Value, cancellationToken);
            outcome = await DeliverAsync(mail, archived, receivedAt, workflows, cancellationToken);
        }
        catch (UnreadableMailException e)
        {
            outcome = await KeepForReviewAsync(archived, e.Message, receivedAt, cancellationToken);
        }

        await archive.RecordAsync(archived, outcome, cancellationToken);
        LogReceived(logger, outcome.Kind, outcome.IncidentId, outcome.Duplicate, archived);
        return outcome;
    }

    private async Task<InboundOutcome> DeliverAsync(
        InboundEmail mail, string archived, DateTimeOffset receivedAt, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var ourAddress = email.Value.FromAddress;
        var ourDomain = ourAddress[(ourAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var automatic = MailLoops.Detect(mail, ourAddress);
        var existing = await FindIncidentAsync(mail, ourDomain, automatic, cancellationToken);

        // The store forwarding a customer's mail: the customer is the forwarded sender, never the store.
        var forward = automatic is null && existing is null && inbound.Value.IsStoreAddress(mail.FromAddress)
            ? StoreForwards.Read(mail, inbound.Value.IsStoreAddress)
            : null;
        var hasSender = forward is null ? HasAddress(mail.FromAddress) : HasAddress(forward.Customer?.FromAddress);
        var kind = automatic is not null ? InboundOutcomeKind.AutomaticReply
            : existing is not null ? InboundOutcomeKind.Reply
            : hasSender ? InboundOutcomeKind.NewIncident
            : InboundOutcomeKind.NeedsReview;
        var incidentId = existing?.Id
            ?? (kind is InboundOutcomeKind.NewIncident or InboundOutcomeKind.NeedsReview ? await FreeIncidentNumberAsync(cancellationToken) : null);

        var contentKey = "sha256:" + mail.ContentHash;
        var (decision, first) = mail.MessageId is { } messageId
            ? await ClaimAsync(messageId, kind, incidentId, receivedAt, MailFingerprint.Identity(mail), cancellationToken)
            : await ClaimAsync(contentKey, kind, incidentId, receivedAt, mail.ContentHash, cancellationToken);
        if (decision is null)
        {
            // A different message reused this Message-ID before (some mailers do): tell them apart by content.
            (decision, first) = await ClaimAsync(contentKey, kind, incidentId, receivedAt, mail.ContentHash, cancellationToken);
        }

        // From here on only the claimed decision counts: a retry does what the first delivery decided.
        switch (decision!.Kind)
        {
            case InboundOutcomeKind.NewIncident:
            case InboundOutcomeKind.NeedsReview:
                await OpenAsync(forward?.Customer ?? mail, decision, archived, workflows, cancellationToken, forward, mail);
                break;
            case InboundOutcomeKind.Reply:
                if (!await JoinAsync(mail, decision, archived, workflows, cancellationToken))
                {
                    // The incident was erased since: keep the message for staff rather than lose it.
                    decision = decision with { Kind = InboundOutcomeKind.NeedsReview, IncidentId = await FreeIncidentNumberAsync(cancellationToken) };
                    await OpenAsync(mail, decision, archived, workflows, cancellationToken);
                }

                break;
            case InboundOutcomeKind.AutomaticReply when decision.IncidentId is { } id:
                await RecordAutomaticAsync(id, mail, MailLoops.Detect(mail, ourAddress) ?? new AutomaticMail(false, "Automatic."), decision, cancellationToken);
                break;
        }

        return new InboundOutcome(decision.Kind, decision.IncidentId, archived, Duplicate: !first);
    }

    /// <summary>
    /// A new incident from the email; its workflow starts only once everything is stored, and only if we
    /// can write back. For a store's forward, <paramref name="mail"/> is the customer's mail read from it
    /// (or the forward itself when no customer was found) and <paramref name="received"/> the forward.
    /// </summary>
    private async Task OpenAsync(
        InboundEmail mail, Decision decision, string archived, DurableTaskClient workflows, CancellationToken cancellationToken,
        StoreForward? forward = null, InboundEmail? received = null)
    {
        var id = decision.IncidentId!;
        var at = decision.At;
        var customerFound = forward is null || forward.Customer is not null;
        var words = QuotedReply.Strip(mail.Text);
        var guess = classifier.Guess(mail.Subject, words);
        var files = await StorePhotosAsync(id, mail, at, cancellationToken);
        var description = Describe(mail.Subject, words);
        var canWriteBack = decision.Kind == InboundOutcomeKind.NewIncident;
        var sameCustomer = canWriteBack ? await OtherOpenIncidentsAsync(mail.FromAddress!.Trim(), id, cancellationToken) : [];
        var incident = new Incident(
            id,
            // Only a real address is kept (it is written to and indexed by); a bad one is in the raw mail for staff.
            customerFound ? new Customer(EmailAddresses.Parse(mail.FromAddress) ?? "", CustomerName(mail), guess.Language) : new Customer("", "Unknown customer", guess.Language),
            guess.OrderNumber ?? "",
            description,
            Sku: null,
            IncidentStatus.Open,
            guess.Category,
            guess.Responsibility,
            CreatedAt: at,
            LastCustomerContactAt: at,
            NeedsAttention: !canWriteBack || mail.Problems.Count > 0 || sameCustomer.Count > 0,
            Resolution: null,
            ResolvedAt: null,
            ClosedAt: null,
            DiscountCode: null);
        if (incident.NeedsAttention)
        {
            incident = incident.Raise(AttentionKind.NeedsReview, at, sameCustomer.Count > 0 && canWriteBack && mail.Problems.Count == 0 ? "possible duplicate" : null);
        }

        var reported = new TimelineEntry(decision.EntryId("a"), TimelineEntryKind.Reported, at, description,
            forward is null ? FromCustomer : FromStaff, CustomerFacing: false, Delivered: false);
        List<TimelineEntry> entries =
        [
            new(decision.EntryId("b"), TimelineEntryKind.InternalNote, at, FirstGuessNote(guess, archived), FromAmends, CustomerFacing: false, Delivered: false),
            .. PhotoTimeline.Entries(files, decision.Stem, at, FromCustomer),
        ];
        if (forward is not null)
        {
            entries.Add(new(decision.EntryId("s"), TimelineEntryKind.InternalNote, at,
                Clip($"Reported by {forward.ReportedBy}, who forwarded the customer's email." + (forward.Note.Length > 0 ? $" Their note: {forward.Note}" : "")),
                FromStaff, CustomerFacing: false, Delivered: false));
        }

        if (!customerFound)
        {
            entries.Add(Review(decision, at,
                $"A forward from the store ({forward!.ReportedBy}) in which the customer's address could not be found, so nobody was acknowledged and nothing was sent back to the store. Find the customer in the raw mail.",
                archived));
        }
        else if (!canWriteBack)
        {
            entries.Add(Review(decision, at, "The sender's address is missing or not valid, so nobody was acknowledged.", archived));
        }
        else if (mail.Problems.Count > 0)
        {
            entries.Add(Review(decision, at, string.Join(" ", mail.Problems), archived));
        }

        if (sameCustomer.Count > 0)
        {
            entries.Add(new(decision.EntryId("d"), TimelineEntryKind.InternalNote, at,
                $"Possibly a duplicate: the same customer has another open incident ({string.Join(", ", sameCustomer.Select(s => s.Id))}). Check before answering twice.",
                FromAmends, CustomerFacing: false, Delivered: false));
        }

        // The entries go in the incident's own transaction: one write and one index update instead of two of each.
        var added = await store.TryAddAsync(incident, reported, entries, cancellationToken);
        if (added)
        {
            AmendsTelemetry.IncidentCreated("email", incident.Customer.Language);
        }
        else
        {
            // On a retry this also rewrites the queue index, which a failure right after the first insert may have missed.
            await store.ChangeAsync(id, i => i, entries, cancellationToken);
        }

        foreach (var other in sameCustomer)
        {
            var note = new TimelineEntry(decision.EntryId("d"), TimelineEntryKind.InternalNote, at,
                $"Possibly a duplicate: the same customer opened {id} while this one is open.", FromAmends, CustomerFacing: false, Delivered: false);
            await store.ChangeAsync(other.Id, i => i, [note], cancellationToken);
        }

        if (forward is not null)
        {
            await threads.RecordAsync(id, received!.MessageId, ThreadMessageKind.Forward, forward.ReportedBy, at, subject: null, cancellationToken);
        }

        if (customerFound)
        {
            await threads.RecordAsync(id, mail.MessageId, ThreadMessageKind.Received, mail.FromAddress?.Trim() ?? "", at, mail.Subject, cancellationToken);
        }

        // Before the workflow starts, so the acknowledgement and staff see the order; a retried post finds it read.
        await orders.ReadAsync(id, cancellationToken);
        if (canWriteBack)
        {
            await RaceSafeAsync(() => intake.StartWorkflowAsync(id, workflows, cancellationToken), id, workflows, cancellationToken);
        }
    }

    /// <summary>
    /// The email joins its incident as the customer's message, raising the attention flag; a closed incident is
    /// reopened or followed up by a new one (<see cref="Reopen.Reopening"/>). False when the incident no longer exists.
    /// </summary>
    private async Task<bool> JoinAsync(InboundEmail mail, Decision decision, string archived, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(decision.IncidentId!, cancellationToken) is not { Value: var named })
        {
            return false;
        }

        var at = decision.At;
        var target = await reopening.TargetAsync(named, decision.Stem, at, cancellationToken);
        var incident = target.Incident;
        var id = incident.Id;
        var files = await StorePhotosAsync(id, mail, at, cancellationToken);
        List<TimelineEntry> entries =
        [
            new(decision.EntryId("a"), TimelineEntryKind.CustomerMessage, at, Describe(mail.Subject, QuotedReply.Strip(mail.Text)), FromCustomer, CustomerFacing: false, Delivered: false),
            .. PhotoTimeline.Entries(files, decision.Stem, at, FromCustomer),
        ];
        List<string> concerns = [.. mail.Problems];
        if (!string.Equals(mail.FromAddress?.Trim(), incident.Customer.Email, StringComparison.OrdinalIgnoreCase))
        {
            concerns.Add($"Someone else wrote: {mail.FromAddress?.Trim() ?? "an unknown sender"}, not the customer's address; check who wrote it before answering.");
        }

        if (incident.Status == IncidentStatus.Resolved)
        {
            concerns.Add("The customer wrote after the incident was resolved.");
        }

        if (concerns.Count > 0)
        {
            entries.Add(Review(decision, at, string.Join(" ", concerns), archived));
        }

        try
        {
            await store.ChangeAsync(
                id,
                i => concerns.Count > 0 ? i.Raise(AttentionKind.CustomerMessage, at, "email").Raise(AttentionKind.NeedsReview, at) : i.Raise(AttentionKind.CustomerMessage, at, "email"),
                entries,
                cancellationToken);
            await threads.RecordAsync(id, mail.MessageId, ThreadMessageKind.Received, mail.FromAddress?.Trim() ?? "", at, mail.Subject, cancellationToken);
        }
        catch (RequestFailedException)
        {
            // The message may be stored and only what follows failed: SendGrid's retry finishes the rest, but
            // may come hours later; the workflow hears of the message now (#20). Waking it twice is harmless.
            await WakeAsync(incident, target, workflows, cancellationToken);
            throw;
        }

        await WakeAsync(incident, target, workflows, cancellationToken);
        return true;
    }

    /// <summary>Wakes the workflow of the incident a customer's message joined, or starts the round it reopened or followed up.</summary>
    private async Task WakeAsync(Incident incident, Reopen.MessageTarget target, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        if (HasAddress(incident.Customer.Email))
        {
            await RaceSafeAsync(
                () => target.Kind == Reopen.MessageTargetKind.AsIs
                    ? staff.WakeAsync(incident.Id, nameof(TimelineEntryKind.CustomerMessage), workflows, cancellationToken)
                    : reopening.StartAsync(target, workflows, cancellationToken),
                incident.Id, workflows, cancellationToken);
        }
    }

    /// <summary>An automatic reply or bounce on its incident: recorded, never woken, never answered.</summary>
    private async Task RecordAutomaticAsync(string id, InboundEmail mail, AutomaticMail automatic, Decision decision, CancellationToken cancellationToken)
    {
        var text = (automatic.IsBounce ? "Our email bounced: " : "Automatic reply: ") + automatic.Reason + "\n\n" + Describe(mail.Subject, mail.Text);
        var entry = new TimelineEntry(decision.EntryId("a"), TimelineEntryKind.AutomaticReply, decision.At, Clip(text), FromAmends, CustomerFacing: false, Delivered: false);

        // A bounce means the customer is not getting our emails: staff must reach them another way.
        await store.ChangeAsync(id, i => automatic.IsBounce ? i.Raise(AttentionKind.Bounce, decision.At) : i, [entry], cancellationToken);
        await threads.RecordAsync(id, mail.MessageId, ThreadMessageKind.Automatic, mail.FromAddress?.Trim() ?? "", decision.At, subject: null, cancellationToken);
    }

    /// <summary>A post we cannot read at all: an incident flagged for staff, with the raw mail one click away.</summary>
    private async Task<InboundOutcome> KeepForReviewAsync(string archived, string reason, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        // Without a Message-ID the post's own hash is the key: the same bytes posted again are the same mail.
        var (decision, first) = await ClaimAsync("post:" + archived, InboundOutcomeKind.NeedsReview,
            await FreeIncidentNumberAsync(cancellationToken), receivedAt, archived, cancellationToken);
        var id = decision!.IncidentId!;
        const string Description = "An email arrived that could not be read automatically; see the timeline.";
        var incident = new Incident(id, new Customer("", "Unknown sender", "en"), "", Description, null, IncidentStatus.Open,
            IncidentCategory.Unknown, Responsibility.Unknown, decision.At, decision.At, NeedsAttention: true, null, null, null, null,
            Attention: [new AttentionReason(AttentionKind.NeedsReview, decision.At, "unreadable email")]);
        var reported = new TimelineEntry(decision.EntryId("a"), TimelineEntryKind.Reported, decision.At, Description, FromAmends, CustomerFacing: false, Delivered: false);
        await store.TryAddAsync(incident, reported, cancellationToken);

        // Always, so a retry also rewrites the queue index a failure after the first insert may have missed.
        await store.ChangeAsync(id, i => i, [Review(decision, decision.At, reason, archived)], cancellationToken);
        return new InboundOutcome(InboundOutcomeKind.NeedsReview, id, archived, Duplicate: !first);
    }

    /// <summary>
    /// Starts or wakes a workflow. Concurrent deliveries of one message (SendGrid retrying while the first
    /// is still at work) may both find no instance and both schedule one: the loser's failure is fine
    /// once the instance exists.
    /// </summary>
    private static async Task RaceSafeAsync(Func<Task> startOrWake, string id, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        try
        {
            await startOrWake();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (await workflows.GetInstanceAsync(id, cancellationToken) is null)
            {
                throw;
            }
        }
    }

    private async Task<CheckedFiles> StorePhotosAsync(string incidentId, InboundEmail mail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var files = checks.Check(SignatureImages.Without(mail.Attachments));
        if (mail.Unread is { } unread)
        {
            files = files with { Rejected = [.. files.Rejected, unread.ToRejection()] };
        }

        foreach (var file in files.Accepted)
        {
            await photos.SaveAsync(incidentId, file, PhotoSource, at, cancellationToken);
        }

        return files;
    }

    private async Task<(Decision? Decision, bool First)> ClaimAsync(
        string key, InboundOutcomeKind kind, string? incidentId, DateTimeOffset receivedAt, string fingerprint, CancellationToken cancellationToken)
    {
        var proposed = new Decision(kind, incidentId, Decision.NewStem(receivedAt, key));
        var claim = await keys.ClaimAsync(Scope, key, proposed.ToString(), fingerprint, cancellationToken);
        return claim.SameRequest ? (Decision.Parse(claim.ResourceId), claim.IsFirst) : (null, false);
    }

    /// <summary>
    /// The incident the email belongs to, best evidence first: what <see cref="ReplyRouting"/> reads (tag,
    /// plus-address, our Message-IDs), then any Message-ID of an incident's conversation it answers, then
    /// an incident number its customer names in the subject or body.
    /// </summary>
    private async Task<Incident?> FindIncidentAsync(InboundEmail mail, string ourDomain, AutomaticMail? automatic, CancellationToken cancellationToken)
    {
        foreach (var candidate in ReplyRouting.Candidates(mail, ourDomain, readReports: automatic is not null))
        {
            if (await store.FindAsync(candidate, cancellationToken) is { } found)
            {
                return found.Value;
            }
        }

        foreach (var messageId in mail.ReferencedMessageIds.Distinct(StringComparer.Ordinal).Take(MailThread.MaxReferences))
        {
            if (await threads.IncidentOfAsync(messageId, cancellationToken) is { } id && await store.FindAsync(id, cancellationToken) is { } found)
            {
                return found.Value;
            }
        }

        // A number quoted by anyone else is no proof the mail is about that incident: only its customer's counts.
        var from = mail.FromAddress?.Trim();
        if (automatic is null && HasAddress(from))
        {
            foreach (var number in ReplyRouting.NamedIncidents(mail.Subject + "\n" + mail.Text))
            {
                if (await store.FindAsync(number, cancellationToken) is { Value: var named } && named.Customer.Email.Equals(from, StringComparison.OrdinalIgnoreCase))
                {
                    return named;
                }
            }
        }

        return null;
    }

    /// <summary>The customer's other open incidents: a new mail may be the same problem told again.</summary>
    private async Task<IReadOnlyList<IncidentSummary>> OtherOpenIncidentsAsync(string customerEmail, string id, CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(new IncidentQuery(Status: IncidentStatus.Open, CustomerEmail: customerEmail), null, 20, cancellationToken);
        return [.. page.Items.Where(i => i.Id != id)];
    }

    private async Task<string> FreeIncidentNumberAsync(CancellationToken cancellationToken)
    {
        // Numbers are random; checking first keeps a collision from attaching this mail to someone else's incident.
        var id = IncidentNumber.New();
        while (await store.FindAsync(id, cancellationToken) is not null)
        {
            id = IncidentNumber.New();
        }

        return id;
    }

    private static TimelineEntry Review(Decision decision, DateTimeOffset at, string reason, string archived) =>
        new(decision.EntryId("r"), TimelineEntryKind.NeedsReview, at,
            Clip($"{reason} The raw mail: {MailArchive.ApiPath(archived)}"), FromAmends, CustomerFacing: false, Delivered: false);

    private static string FirstGuessNote(FirstGuess guess, string archived) =>
        (guess.Category == IncidentCategory.Unknown
            ? $"First guess from the email: no category recognised; language {guess.Language}. Staff to diagnose."
            : $"First guess from the email: {guess.Category}, responsibility {guess.Responsibility} (words: {string.Join(", ", guess.Evidence.Take(5))}); language {guess.Language}. Staff to confirm.")
        + $" The description keeps the customer's own words; the full email, with its quotes and signature: {MailArchive.ApiPath(archived)}";

    private static string Describe(string subject, string text) =>
        Clip(string.IsNullOrWhiteSpace(subject) ? text : $"{subject}\n\n{text}");

    private static string Clip(string text) =>
        text.Length <= NewIncident.MaxDescriptionLength ? text.Trim() : text[..NewIncident.MaxDescriptionLength].Trim();

    private static string CustomerName(InboundEmail mail)
    {
        var name = mail.FromName ?? EmailAddresses.Parse(mail.FromAddress)?.Split('@')[0] ?? "Unknown sender";
        return name.Length <= MaxNameLength ? name : name[..MaxNameLength];
    }

    private static bool HasAddress(string? address) => EmailAddresses.IsMailbox(address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound email: {Outcome} {IncidentId} (duplicate: {Duplicate}, archive {Archive}).")]
    private static partial void LogReceived(ILogger logger, InboundOutcomeKind outcome, string? incidentId, bool duplicate, string archive);

    /// <summary>
    /// What was decided about one message, kept as the idempotency claim's resource id:
    /// <c>kind|incident|stem</c>. The stem (first receipt time and a hash of the key) starts the id of
    /// every timeline entry the message writes (<c>-a</c> the message, <c>-b</c> the first guess,
    /// <c>-f01</c>… the files, <c>-r</c> the review note), so entries sort by time and in that order,
    /// and a retry rewrites the same rows.
    /// </summary>
    internal sealed record Decision(InboundOutcomeKind Kind, string? IncidentId, string Stem)
    {
        public DateTimeOffset At => new(long.Parse(Stem[..19], CultureInfo.InvariantCulture), TimeSpan.Zero);

        public static string NewStem(DateTimeOffset at, string key) =>
            string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8]}");

        public string EntryId(string suffix) => $"{Stem}-{suffix}";

        public override string ToString() => $"{Kind}|{IncidentId ?? "-"}|{Stem}";

        public static Decision Parse(string value)
        {
            var parts = value.Split('|');
            return new Decision(Enum.Parse<InboundOutcomeKind>(parts[0]), parts[1] == "-" ? null : parts[1], parts[2]);
        }
    }
}
