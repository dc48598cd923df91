using System.Diagnostics;
using System.Diagnostics.Metrics;
using Amends.Telemetry;
using Amends.Workflow;
using Moq;

namespace Amends.Tests.Telemetry;

/// <summary>A workflow step that fails is counted as a failure of that step and leaves a failed span; the failure still reaches the engine.</summary>
public sealed class TracedStepTests
{
    [Fact]
    public async Task A_failed_step_is_counted_by_step_and_exception_type_and_its_span_is_marked_failed()
    {
        // A step name of its own: other tests run steps in this process at the same time.
        var name = "Failing-" + Guid.NewGuid().ToString("N");
        var step = new Mock<IWorkflowStep<string, bool>>(MockBehavior.Strict);
        step.Setup(s => s.RunAsync("AMD-FAIL0001")).ThrowsAsync(new TimeoutException("storage did not answer"));
        List<(string Instrument, Dictionary<string, object?> Tags)> measured = [];
        List<Activity> spans = [];
        using var meters = Listen(name, measured);
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AmendsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.GetTagItem(AmendsTelemetry.Step) as string == name)
                {
                    lock (spans)
                    {
                        spans.Add(span);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(tracing);

        await Assert.ThrowsAsync<TimeoutException>(() => new TracedStep<string, bool>(name, step.Object).RunAsync("AMD-FAIL0001"));

        var failure = Assert.Single(measured, m => m.Instrument == "amends.failures");
        Assert.Equal(typeof(TimeoutException).FullName, failure.Tags[AmendsTelemetry.ErrorType]);
        Assert.Equal("failed", Assert.Single(measured, m => m.Instrument == "amends.step.duration").Tags[AmendsTelemetry.Outcome]);
        var span = Assert.Single(spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("AMD-FAIL0001", span.GetTagItem(AmendsTelemetry.IncidentId));
    }

    /// <summary>Collects the measures Amends takes of the step <paramref name="step"/>.</summary>
    private static MeterListener Listen(string step, List<(string, Dictionary<string, object?>)> measured)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AmendsTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Keep(instrument, tags));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Keep(instrument, tags));
        listener.Start();
        return listener;

        void Keep(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var all = new Dictionary<string, object?>(tags.ToArray());
            if (Equals(all.GetValueOrDefault(AmendsTelemetry.Step), step) || Equals(all.GetValueOrDefault(AmendsTelemetry.Operation), step))
            {
                lock (measured)
                {
                    measured.Add((instrument.Name, all));
                }
            }
        }
    }
}
