using Amends.Email;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Amends.Functions.Api;

/// <summary>The local outbox routes as HTTP triggers (staff only), as the server maps them.</summary>
public sealed class OutboxFunctions(IApiHandlers handlers, LocalOutbox outbox)
{
    [Function("ListOutbox")]
    public IResult ListOutbox(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/outbox")] HttpRequest request) =>
        handlers.ListOutbox(outbox);

    [Function("ReadOutboxEmail")]
    public Task<IResult> ReadOutboxEmailAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/outbox/{name}")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        handlers.ReadOutboxEmailAsync(name, outbox, cancellationToken);
}
