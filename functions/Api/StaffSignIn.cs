using Amends.Api;
using Amends.Staff;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Amends.Functions.Api;

/// <summary>
/// Names the staff member behind each HTTP request (<see cref="AppServiceSignIn"/>: App Service
/// Authentication's user, else the person whose function key it carries, else a staff account's key) and
/// puts them on the request, as the server's key check does; a revoked member gets 401. The host has
/// already refused a staff route without a valid function key.
/// </summary>
public sealed class StaffSignIn(AppServiceSignIn signIn) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            var result = await signIn.SignInAsync(http.Request, http.RequestAborted);
            if (result.Revoked)
            {
                await Problems.Revoked().ExecuteAsync(http);
                return;
            }

            result.Identity?.SignIn(http);
        }

        await next(context);
    }
}
