using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Amends.Api;

/// <summary>GET /api/v1/health: 200 only once requests can really be taken.</summary>
public static class HealthApi
{
    private const string ProbeInstance = "amends-health-probe";

    /// <summary>
    /// Asks the workflow engine for an instance that never exists: the round trip reaches the engine
    /// and its storage, so a 200 means an incident created now would start its workflow.
    /// </summary>
    public static async Task<IResult> CheckAsync(DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        try
        {
            await workflows.GetInstanceAsync(ProbeInstance, cancellationToken);
            return TypedResults.Ok(new { status = "ok" });
        }
        catch (Exception e) when (ApiExceptionHandler.Classify(e) is not null)
        {
            return Problems.Unavailable();
        }
    }
}
