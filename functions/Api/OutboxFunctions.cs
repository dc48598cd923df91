using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>The local outbox routes as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class OutboxFunctions(ApiEndpoints api)
{
    [Function(nameof(ListOutbox))]
    public IResult ListOutbox(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/outbox")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ListOutbox), request, workflows);

    [Function(nameof(ReadOutboxEmail))]
    public IResult ReadOutboxEmail(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/outbox/{name}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ReadOutboxEmail), request, workflows);
}
