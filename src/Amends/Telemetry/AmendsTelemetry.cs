using System.Diagnostics;
using System.Diagnostics.Metrics;
using Amends.Email;

namespace Amends.Telemetry;

/// <summary>
/// Amends' one trace source and one meter, and what it records with them. Attributes name the incident
/// by its id and the work by its step, kind, language or outcome: never a customer's address, name,
/// words or order number (docs/telemetry.md).
/// </summary>
public static class AmendsTelemetry
{
    /// <summary>The name of the trace source and of the meter.</summary>
    public const string Name = "Amends";

    /// <summary>Attribute: the incident's id.</summary>
    public const string IncidentId = "amends.incident.id";

    /// <summary>Attribute: the workflow step (the activity's name).</summary>
    public const string Step = "amends.step";

    /// <summary>Attribute: how an incident arrived (<c>api</c> or <c>email</c>).</summary>
    public const string Channel = "amends.channel";

    /// <summary>Attribute: the customer's language code.</summary>
    public const string Language = "amends.language";

    /// <summary>Attribute: which customer email (its template kind).</summary>
    public const string EmailKind = "amends.email.kind";

    /// <summary>Attribute: how a step ended, or what a silence check found.</summary>
    public const string Outcome = "amends.outcome";

    /// <summary>Attribute: what failed, a step's name or <c>email</c>.</summary>
    public const string Operation = "amends.operation";

    /// <summary>Attribute (OpenTelemetry's): the failure's exception type.</summary>
    public const string ErrorType = "error.type";

    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> IncidentsCreated =
        Meter.CreateCounter<long>("amends.incidents.created", "{incident}", "Incidents opened, by channel and language.");

    private static readonly Histogram<double> TimeToAcknowledge =
        Meter.CreateHistogram<double>("amends.acknowledgement.time", "s", "From the incident's report to its acknowledgement handed to the email service.");

    private static readonly Histogram<double> SilenceLeft =
        Meter.CreateHistogram<double>("amends.silence.time_left", "s", "At each silence check: the time left until the customer reaches the silence limit (negative when past it).");

    private static readonly Counter<long> AutomaticUpdates =
        Meter.CreateCounter<long>("amends.updates.automatic", "{email}", "Status updates Amends sent itself because the customer reached the silence limit.");

    private static readonly Counter<long> EmailsSent =
        Meter.CreateCounter<long>("amends.emails.sent", "{email}", "Customer emails handed to the email service, by kind and language.");

    private static readonly Histogram<double> StepDuration =
        Meter.CreateHistogram<double>("amends.step.duration", "s", "How long a workflow step (one activity run) took, by step and outcome.");

    private static readonly Counter<long> Failures =
        Meter.CreateCounter<long>("amends.failures", "{failure}", "Workflow steps and email sends that failed (each attempt), by operation and exception type.");

    /// <summary>Counts an incident opened through <paramref name="channel"/>.</summary>
    internal static void IncidentCreated(string channel, string language) =>
        IncidentsCreated.Add(1, new(Channel, channel), new(Language, language));

    /// <summary>Notes how long before the silence limit a silence check ran (negative: after it).</summary>
    internal static void SilenceChecked(TimeSpan left) =>
        SilenceLeft.Record(left.TotalSeconds, new KeyValuePair<string, object?>(Outcome, left > TimeSpan.Zero ? "waiting" : "update_due"));

    /// <summary>A span around handing one customer email to the email service; null when nobody listens.</summary>
    internal static Activity? StartEmail(string incidentId, CustomerEmailKind kind) =>
        Source.StartActivity("email send", ActivityKind.Internal, default(ActivityContext), [new(IncidentId, incidentId), new(EmailKind, kind.ToString())]);

    /// <summary>Records a customer email handed over: counted, and for an acknowledgement or automatic update, its own measure.</summary>
    internal static void EmailSent(CustomerEmailKind kind, string language, TimeSpan sinceReported)
    {
        EmailsSent.Add(1, new(EmailKind, kind.ToString()), new(Language, language));
        if (kind == CustomerEmailKind.Acknowledgement)
        {
            TimeToAcknowledge.Record(sinceReported.TotalSeconds, new KeyValuePair<string, object?>(Language, language));
        }
        else if (kind == CustomerEmailKind.SilenceUpdate)
        {
            AutomaticUpdates.Add(1, new KeyValuePair<string, object?>(Language, language));
        }
    }

    /// <summary>A span around one run of the workflow step <paramref name="step"/>; null when nobody listens.</summary>
    internal static Activity? StartStep(string step, string? incidentId) =>
        Source.StartActivity($"step {step}", ActivityKind.Internal, default(ActivityContext), [new(Step, step), new(IncidentId, incidentId)]);

    /// <summary>Records how long a step's run took and whether it failed.</summary>
    internal static void StepEnded(string step, TimeSpan took, bool failed) =>
        StepDuration.Record(took.TotalSeconds, new(Step, step), new(Outcome, failed ? "failed" : "succeeded"));

    /// <summary>Counts a failure of <paramref name="operation"/> and marks the current span failed.</summary>
    internal static void Failed(string operation, Exception failure, Activity? span = null)
    {
        Failures.Add(1, new(Operation, operation), new(ErrorType, failure.GetType().FullName));
        span?.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
        span?.SetTag(ErrorType, failure.GetType().FullName);
    }
}
