using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>
/// The staff console's files at /console, from the same origin as the API, as the server serves them.
/// Anonymous like the server's route: the files hold nothing secret, and in Azure the app's built-in
/// authentication (Entra ID) stands in front of them (see the README).
/// </summary>
public sealed class StaffConsoleFunctions(ApiEndpoints api)
{
    [Function(nameof(StaffConsole))]
    public IResult StaffConsole(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/{*path}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(StaffConsole), request, workflows);
}
