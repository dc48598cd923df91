using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>
/// The return's routes and the payment instructions as HTTP triggers, each one line into the server's handler.
/// The store's confirmation is anonymous to the Functions host because, as on the server, it authenticates
/// itself: the handler checks the shared-secret signature before anything else.
/// </summary>
public sealed class ReturnsFunctions(ApiEndpoints api)
{
    [Function(nameof(PostReturnTracking))]
    public IResult PostReturnTracking(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/return/tracking")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(PostReturnTracking), request, workflows);

    [Function(nameof(MarkReturnReceived))]
    public IResult MarkReturnReceived(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/return/received")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(MarkReturnReceived), request, workflows);

    [Function(nameof(InspectReturn))]
    public IResult InspectReturn(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/incidents/{id}/return/inspection")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(InspectReturn), request, workflows);

    [Function(nameof(ListPaymentInstructions))]
    public IResult ListPaymentInstructions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/incidents/{id}/payment-instructions")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ListPaymentInstructions), request, workflows);

    [Function(nameof(ConfirmPaymentInstruction))]
    public IResult ConfirmPaymentInstruction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/store/payment-instructions/{id}/confirmation")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ConfirmPaymentInstruction), request, workflows);
}
