using Amends.Payments;
using Amends.Returns;
using Amends.Storage;
using Amends.StoreBackend;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Functions.Api;

/// <summary>
/// The return's routes and the payment instructions as HTTP triggers, each one line into the server's handler.
/// The store's confirmation is anonymous to the Functions host because, as on the server, it authenticates
/// itself: the handler checks the shared-secret signature before anything else.
/// </summary>
public sealed class ReturnsFunctions(
    IApiHandlers handlers,
    ReturnActions actions,
    IncidentStore store,
    PaymentInstructions instructions,
    PaymentConfirmations confirmations,
    IOptions<StoreBackendOptions> storeBackend)
{
    [Function("PostReturnTracking")]
    public Task<IResult> PostReturnTrackingAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/return/tracking")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.PostReturnTrackingAsync(id, request, actions, workflows, cancellationToken);

    [Function("MarkReturnReceived")]
    public Task<IResult> MarkReturnReceivedAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/return/received")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.MarkReturnReceivedAsync(id, actions, workflows, cancellationToken);

    [Function("InspectReturn")]
    public Task<IResult> InspectReturnAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/return/inspection")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.InspectReturnAsync(id, request, actions, workflows, cancellationToken);

    [Function("ListPaymentInstructions")]
    public Task<IResult> ListPaymentInstructionsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/payment-instructions")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.ListPaymentInstructionsAsync(id, store, instructions, cancellationToken);

    [Function("ConfirmPaymentInstruction")]
    public Task<IResult> ConfirmPaymentInstructionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/store/payment-instructions/{id}/confirmation")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.ConfirmPaymentInstructionAsync(id, request, confirmations, storeBackend, workflows, cancellationToken);
}
