using Amends.Satisfaction;
using Amends.Staff;
using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>
/// Moderating testimonials: a comment a customer offers (a 5, their consent) shows on the public
/// return-policy page only once a staff member approved it; who decided, and when, is kept.
/// </summary>
public static class TestimonialsApi
{
    /// <summary>How many testimonials one list shows at most.</summary>
    public const int PageSize = 100;

    /// <summary>GET /api/v1/testimonials?state=pending|approved|rejected (default pending): newest first.</summary>
    public static async Task<IResult> ListAsync(HttpRequest request, SatisfactionSurvey survey, CancellationToken cancellationToken)
    {
        var asked = request.Query["state"].ToString();
        var state = TestimonialState.Pending;
        if (asked.Length > 0 && (!Enum.TryParse(asked, ignoreCase: true, out state) || !Enum.IsDefined(state) || int.TryParse(asked, out _)))
        {
            return Problems.Invalid("state", "One of pending, approved, rejected.");
        }

        return TypedResults.Json(await survey.ListAsync(state, PageSize, cancellationToken), ApiJson.Options);
    }

    /// <summary>POST /api/v1/testimonials/{incidentId}/approve: it shows on the return-policy page; 404 when none was offered.</summary>
    public static Task<IResult> ApproveAsync(string incidentId, HttpRequest request, SatisfactionSurvey survey, CancellationToken cancellationToken) =>
        ModerateAsync(incidentId, TestimonialState.Approved, request, survey, cancellationToken);

    /// <summary>POST /api/v1/testimonials/{incidentId}/reject: it shows nowhere public (taken down if it was approved); 404 when none was offered.</summary>
    public static Task<IResult> RejectAsync(string incidentId, HttpRequest request, SatisfactionSurvey survey, CancellationToken cancellationToken) =>
        ModerateAsync(incidentId, TestimonialState.Rejected, request, survey, cancellationToken);

    private static async Task<IResult> ModerateAsync(
        string incidentId, TestimonialState decision, HttpRequest request, SatisfactionSurvey survey, CancellationToken cancellationToken) =>
        await survey.ModerateAsync(incidentId, decision, StaffIdentity.NameOf(request), cancellationToken) is { } decided
            ? TypedResults.Json(decided, ApiJson.Options)
            : Problems.NotFound($"No testimonial was offered for incident {incidentId}.");
}
