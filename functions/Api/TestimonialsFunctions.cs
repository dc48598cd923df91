using Amends.Satisfaction;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Amends.Functions.Api;

/// <summary>Moderating testimonials (list, approve, reject) as HTTP triggers (function key), as the server maps them.</summary>
public sealed class TestimonialsFunctions(IApiHandlers handlers, SatisfactionSurvey survey)
{
    [Function("ListTestimonials")]
    public Task<IResult> ListTestimonialsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/testimonials")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.ListTestimonialsAsync(request, survey, cancellationToken);

    [Function("ApproveTestimonial")]
    public Task<IResult> ApproveTestimonialAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/testimonials/{incidentId}/approve")] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken) =>
        handlers.ApproveTestimonialAsync(incidentId, request, survey, cancellationToken);

    [Function("RejectTestimonial")]
    public Task<IResult> RejectTestimonialAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/v1/testimonials/{incidentId}/reject")] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken) =>
        handlers.RejectTestimonialAsync(incidentId, request, survey, cancellationToken);
}
