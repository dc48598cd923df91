namespace Amends.Erasure;

/// <summary>
/// What one erasure did: who, when, and how many items of each kind, never whose. It holds no
/// email address, name or incident id (not even hashed), so the record itself is nobody's data.
/// </summary>
/// <param name="Id">The record's id.</param>
/// <param name="RequestedBy">Who on the staff carried it out.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="CompletedAt">When it finished; null while it runs, or when it was cut short (a retry then finishes the work and records itself).</param>
/// <param name="Items">What was deleted or anonymized.</param>
public sealed record ErasureRecord(string Id, string RequestedBy, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, ErasedItems Items);

/// <summary>How many items of each kind an erasure deleted (or, where said, anonymized).</summary>
/// <param name="Incidents">Incidents deleted (the incident row).</param>
/// <param name="TimelineEntries">Timeline entries deleted (customer messages, staff updates, notes).</param>
/// <param name="EmailLog">Rows of the email log deleted.</param>
/// <param name="QueueIndexRows">Rows of the queue index deleted (by status, order and customer).</param>
/// <param name="Photos">Photos and documents deleted.</param>
/// <param name="RawMails">Archived inbound emails deleted.</param>
/// <param name="ReturnLabels">Return labels deleted.</param>
/// <param name="OutboxEmails">Copies of sent emails deleted from the local outbox.</param>
/// <param name="SatisfactionAnswers">Satisfaction answers deleted (the counts by score stay).</param>
/// <param name="Testimonials">Testimonials deleted.</param>
/// <param name="StatusLinksRevoked">Incidents whose status and satisfaction links were revoked.</param>
/// <param name="DiscountCodes">Discount codes unlinked from the incident and its order (the code stays, used or not).</param>
/// <param name="IdempotencyClaims">Request claims (Idempotency-Key, Message-ID) deleted.</param>
/// <param name="Orchestrations">Workflow instances stopped and purged with their history and inputs.</param>
/// <param name="RetentionSchedules">Scheduled file deletions dropped (their files are gone already).</param>
/// <param name="ConversationMessages">Message-IDs of the incident's email conversation forgotten, with their senders.</param>
public sealed record ErasedItems(
    int Incidents = 0,
    int TimelineEntries = 0,
    int EmailLog = 0,
    int QueueIndexRows = 0,
    int Photos = 0,
    int RawMails = 0,
    int ReturnLabels = 0,
    int OutboxEmails = 0,
    int SatisfactionAnswers = 0,
    int Testimonials = 0,
    int StatusLinksRevoked = 0,
    int DiscountCodes = 0,
    int IdempotencyClaims = 0,
    int Orchestrations = 0,
    int RetentionSchedules = 0,
    int ConversationMessages = 0)
{
    /// <summary>These counts and <paramref name="b"/>'s, added kind by kind.</summary>
    public ErasedItems Plus(ErasedItems b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var a = this;
        return new(
            a.Incidents + b.Incidents, a.TimelineEntries + b.TimelineEntries, a.EmailLog + b.EmailLog, a.QueueIndexRows + b.QueueIndexRows,
            a.Photos + b.Photos, a.RawMails + b.RawMails, a.ReturnLabels + b.ReturnLabels, a.OutboxEmails + b.OutboxEmails,
            a.SatisfactionAnswers + b.SatisfactionAnswers, a.Testimonials + b.Testimonials, a.StatusLinksRevoked + b.StatusLinksRevoked,
            a.DiscountCodes + b.DiscountCodes, a.IdempotencyClaims + b.IdempotencyClaims, a.Orchestrations + b.Orchestrations,
            a.RetentionSchedules + b.RetentionSchedules, a.ConversationMessages + b.ConversationMessages);
    }
}
