using Amends.ReportProblem;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Amends.Api;

/// <summary>The public "report a problem" page: HTML, no API key; the form carries its own signed token.</summary>
public static class ReportApi
{
    /// <summary>GET /report: the form in the customer's language, prefilled from the store's signed link (<c>?order=&amp;email=&amp;sig=</c>).</summary>
    public static IResult Show(HttpRequest request, ReportPage page) => page.Show(request);

    /// <summary>POST /report: the form (multipart/form-data); 303 to the new incident's status page, or the page with what was wrong.</summary>
    public static Task<IResult> PostAsync(HttpRequest request, ReportPage page, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        page.PostAsync(request, workflows, cancellationToken);
}
