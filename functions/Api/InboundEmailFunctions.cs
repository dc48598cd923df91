using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>
/// SendGrid Inbound Parse and the mail archive as HTTP triggers. The webhook is anonymous to the
/// Functions host because, as on the server, it authenticates itself: the handler checks SendGrid's
/// signature or the ?key= secret before it reads the body. The archive is for staff.
/// </summary>
public sealed class InboundEmailFunctions(ApiEndpoints api)
{
    [Function(nameof(ReceiveInboundEmail))]
    public IResult ReceiveInboundEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/inbound/sendgrid")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ReceiveInboundEmail), request, workflows);

    [Function(nameof(ReadInboundMail))]
    public IResult ReadInboundMail(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/inbound/mail/{name}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ReadInboundMail), request, workflows);
}
