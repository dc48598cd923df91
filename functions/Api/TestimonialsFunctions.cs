using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Amends.Functions.Api;

/// <summary>Moderating testimonials (list, approve, reject) as HTTP triggers (function key), each one line into the server's handler.</summary>
public sealed class TestimonialsFunctions(ApiEndpoints api)
{
    [Function(nameof(ListTestimonials))]
    public IResult ListTestimonials(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/testimonials")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ListTestimonials), request, workflows);

    [Function(nameof(ApproveTestimonial))]
    public IResult ApproveTestimonial(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/testimonials/{incidentId}/approve")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(ApproveTestimonial), request, workflows);

    [Function(nameof(RejectTestimonial))]
    public IResult RejectTestimonial(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/testimonials/{incidentId}/reject")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
        api.Run(nameof(RejectTestimonial), request, workflows);
}
