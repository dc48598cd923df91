using Amends.Functions.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Functions.Tests;

/// <summary>
/// The worker as Program.cs composes it, built (not started: that needs the Functions host) with the
/// sample's settings: every service a trigger or the middleware needs resolves.
/// </summary>
public sealed class FunctionsAppTests
{
    [Fact]
    public void The_worker_composes_with_the_sample_settings()
    {
        using var app = FunctionsApp.Build(["--Amends:Storage:ConnectionString=UseDevelopmentStorage=true"]);

        // The server's endpoints, built over the worker's own services: every route's handler binds there too.
        Assert.Contains("CreateIncident", app.Services.GetRequiredService<ApiEndpoints>().ByName.Keys);
        Assert.NotNull(app.Services.GetRequiredService<ProblemAnswers>());
        Assert.IsType<Amends.Api.ApiExceptionHandler>(app.Services.GetRequiredService<IExceptionHandler>());
    }
}
