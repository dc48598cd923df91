using Amends.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Functions.Api;

/// <summary>
/// SendGrid Inbound Parse and the mail archive as HTTP triggers. The webhook is anonymous to the
/// Functions host because, as on the server, it authenticates itself: the handler checks SendGrid's
/// signature or the ?key= secret before it reads the body. The archive is for staff.
/// </summary>
public sealed class InboundEmailFunctions(
    IApiHandlers handlers, InboundMailbox mailbox, InboundAuthentication authentication, IOptions<InboundOptions> options, InboundCapacity capacity, MailArchive archive)
{
    [Function("ReceiveInboundEmail")]
    public Task<IResult> ReceiveInboundEmailAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/inbound/sendgrid")] HttpRequest request,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        handlers.ReceiveInboundEmailAsync(request, mailbox, authentication, options, capacity, workflows, cancellationToken);

    [Function("ReadInboundMail")]
    public Task<IResult> ReadInboundMailAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/inbound/mail/{name}")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        handlers.ReadInboundMailAsync(name, archive, cancellationToken);
}
