using Amends.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Amends.Functions.Api;

/// <summary>
/// Hands an HTTP trigger's exception to the server's own <see cref="ApiExceptionHandler"/>, so it becomes
/// the same problem+json answer (503 with Retry-After when storage or the workflow engine is down, the
/// refused status for a refused request, otherwise a 500 without internals), never the host's bare 500.
/// Other triggers' exceptions pass on: the host records them and an activity fails, to be tried again
/// under the workflow's retry policy (<see cref="Amends.Workflow.WorkflowRetryOptions"/>).
/// </summary>
public sealed class ProblemAnswers(IExceptionHandler handler) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { } http)
        {
            if (!await handler.TryHandleAsync(http, exception, http.RequestAborted))
            {
                throw;
            }
        }
    }
}
