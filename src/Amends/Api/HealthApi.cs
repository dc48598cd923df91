using Amends.Storage;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Amends.Api;

/// <summary>GET /api/v1/health: 200 only once requests can really be taken; 503 with Retry-After otherwise.</summary>
public static class HealthApi
{
    private const string ProbeInstance = "amends-health-probe";
    private const string ProbeRow = "health-probe";

    /// <summary>
    /// How long the probes may take: a storage client retrying a refused connection would otherwise hold the
    /// answer for many seconds, and a probe that slow means the service cannot take requests either.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Asks the workflow engine for an instance that never exists (the round trip reaches the engine and
    /// its storage) and reads a row that never exists from the incidents table (our own storage), both at
    /// once. 200 means an incident created now would be stored and its workflow started. Any failure of
    /// either is a 503: whatever the engine's client throws (a gRPC status on either host), a storage
    /// error, or no answer in time.
    /// </summary>
    public static async Task<IResult> CheckAsync(DurableTaskClient workflows, StorageAccount storage, CancellationToken cancellationToken)
    {
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(ProbeTimeout);
        try
        {
            var engine = workflows.GetInstanceAsync(ProbeInstance, getInputsAndOutputs: false, probe.Token);
            var tables = storage.Table(IncidentStore.IncidentsTable).GetEntityIfExistsAsync<TableEntity>(ProbeRow, ProbeRow, cancellationToken: probe.Token);
            await Task.WhenAll(engine, tables);
            return TypedResults.Ok(new { status = "ok" });
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return Problems.Unavailable();
        }
    }
}
