using System.Runtime.CompilerServices;
using Amends.Telemetry;

namespace Amends.Tests.Telemetry;

/// <summary>
/// The Azure SDK reads its span switch once per process, when its first client is made: in this test process
/// that is long before a telemetry test calls <c>AddAmendsTelemetry</c>, so the switch is on from the start.
/// Nothing is recorded for tests that do not listen.
/// </summary>
internal static class AzureSpans
{
    [ModuleInitializer]
    internal static void On() => AppContext.SetSwitch(TelemetryServices.AzureSourceSwitch, true);
}
