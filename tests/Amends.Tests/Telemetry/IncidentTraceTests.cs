using System.Diagnostics;
using System.Net.Http.Json;
using Amends.Acknowledge;
using Amends.Api;
using Amends.Silence;
using Amends.Telemetry;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Amends.Tests.Telemetry;

/// <summary>
/// An incident created over the API on the standalone server's engine (DurableTask.Core over Azure Storage on
/// Azurite), with the telemetry both hosts use and an in-memory exporter: one trace from the request through
/// the orchestration to the acknowledgement's step, its storage calls and its email, the measures of it, and
/// nothing of the customer's in any of it.
/// </summary>
public sealed class IncidentTraceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Email = "ottavia.tracciata@example.it";
    private const string Name = "Ottavia Tracciata";
    private const string Order = "#ORD-7301-TRACE";
    private const string Description = "Il coperchio del bollitore Zefiro arrivò crepato.";

    private readonly Collected<Activity> spans = [];
    private readonly Collected<Metric> metrics = [];
    private AmendsApiHost host = null!;
    private string id = "";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await AmendsApiHost.StartAsync(azurite, engine: WorkflowEngine.TaskHub, services: services => services
            .AddAmendsTelemetry("amends-tests")
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithMetrics(measures => measures.AddInMemoryExporter(metrics)));
        using var created = await host.Staff.PostAsJsonAsync("/api/v1/incidents",
            new { customerEmail = Email, customerName = Name, language = "it", orderNumber = Order, description = Description },
            ApiJson.Options, Cancellation);
        created.EnsureSuccessStatusCode();
        id = (await created.Content.ReadFromJsonAsync<IncidentView>(ApiJson.Options, Cancellation))!.Incident.Id;
        await host.Workflows.EmailAsync(id, "acknowledgement");
    }

    [Fact]
    public async Task The_request_the_orchestration_the_acknowledgement_step_its_storage_and_its_email_are_one_trace()
    {
        var step = await StepSpanAsync(AcknowledgeCustomer.Name);
        // The engine's activity span ends just after the step's span inside it.
        var activity = await Poll.UntilFoundAsync(() => spans.Snapshot().FirstOrDefault(s => s.SpanId == step.ParentSpanId), "the engine's span of the activity");
        var trace = spans.Snapshot().Where(s => s.TraceId == step.TraceId).ToList();

        // Other tests' hosts run in this process, and their spans are collected too: this incident's request is the one in the step's trace.
        var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") as string == "/api/v1/incidents");
        Assert.Equal(TelemetryServices.DurableTaskSource, activity.Source.Name);
        Assert.Contains(trace, s => s.Source.Name == TelemetryServices.DurableTaskSource && s.OperationName.StartsWith("create_orchestration", StringComparison.Ordinal)
            && s.ParentSpanId == request.SpanId);
        Assert.Contains(trace, s => s.OperationName == "email send" && s.ParentSpanId == step.SpanId);
        Assert.Contains(trace, s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal) && s.ParentSpanId == request.SpanId);
        Assert.Contains(trace, s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal) && s.ParentSpanId == step.SpanId);
    }

    [Fact]
    public async Task Creating_and_acknowledging_are_measured()
    {
        await StepSpanAsync(KeepCustomerInformed.Name);
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var names = metrics.Snapshot().Select(m => m.Name).ToHashSet();

        Assert.Contains("amends.incidents.created", names);
        Assert.Contains("amends.acknowledgement.time", names);
        Assert.Contains("amends.emails.sent", names);
        Assert.Contains("amends.step.duration", names);
        Assert.Contains("amends.silence.time_left", names);
    }

    [Fact]
    public async Task No_span_or_measure_holds_the_customers_email_name_description_or_order_number()
    {
        await StepSpanAsync(KeepCustomerInformed.Name);
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        string[] personal = [Email, Name, Order, Description, "Ottavia", "Zefiro"];

        var texts = spans.Snapshot().SelectMany(Texts).Concat(metrics.Snapshot().SelectMany(Texts)).ToList();

        Assert.NotEmpty(texts);
        foreach (var word in personal)
        {
            Assert.DoesNotContain(texts, text => text.Contains(word, StringComparison.OrdinalIgnoreCase));
        }
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    /// <summary>Waits for the span of the workflow step <paramref name="step"/> of this test's incident; it ends after the step's measures are taken.</summary>
    private Task<Activity> StepSpanAsync(string step) =>
        Poll.UntilFoundAsync(
            () => spans.Snapshot().FirstOrDefault(s => s.OperationName == $"step {step}" && s.GetTagItem(AmendsTelemetry.IncidentId) as string == id),
            $"the span of the {step} step");

    /// <summary>Every text a span carries to an exporter: its name, status, attributes, events and links.</summary>
    private static IEnumerable<string> Texts(Activity span) =>
        new[] { span.DisplayName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}")))
            .Concat(span.Links.SelectMany(l => l.Tags?.Select(t => $"{t.Key}={t.Value}") ?? []));

    /// <summary>Every attribute of every point of a measure.</summary>
    private static List<string> Texts(Metric metric)
    {
        List<string> texts = [];
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                texts.Add($"{metric.Name} {tag.Key}={tag.Value}");
            }
        }

        return texts;
    }
}
