using Amends.CustomerPages;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Amends.Api;

/// <summary>
/// The pages customers open from their emails and the public return-policy page: HTML, no API key
/// (the status and satisfaction pages are opened by their signed token alone).
/// </summary>
public static class CustomerPagesApi
{
    /// <summary>GET /status/{token}: the incident's status page; 404/410 for a link we cannot honour.</summary>
    public static async Task<IResult> ShowStatusAsync(string token, HttpRequest request, StatusPage page, CancellationToken cancellationToken) =>
        await page.ShowAsync(token, request.Query["sent"] == "1", cancellationToken);

    /// <summary>POST /status/{token}: a message and photos from the customer (multipart/form-data); 303 back to the page, or the page with what was wrong.</summary>
    public static Task<IResult> PostStatusMessageAsync(string token, HttpRequest request, StatusPage page, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        page.PostAsync(token, request, workflows, cancellationToken);

    /// <summary>GET /satisfaction/{token}?score=1..5: the question with that score chosen; records nothing (link scanners open it too).</summary>
    public static async Task<IResult> ShowSatisfactionAsync(string token, HttpRequest request, SatisfactionPage page, CancellationToken cancellationToken) =>
        await page.ShowAsync(token, request.Query["score"], cancellationToken);

    /// <summary>POST /satisfaction/{token}: the answer (a form from the page: score, optional comment and consent); the only way one is recorded.</summary>
    public static async Task<IResult> CommentOnSatisfactionAsync(string token, HttpRequest request, SatisfactionPage page, CancellationToken cancellationToken) =>
        await page.CommentAsync(token, request, cancellationToken);

    /// <summary>GET /policy: the return policy and testimonials, in the reader's language.</summary>
    public static async Task<IResult> ShowReturnPolicyAsync(HttpRequest request, PolicyPage page, CancellationToken cancellationToken) =>
        await page.ShowAsync(request, cancellationToken);
}

