using System.Globalization;
using System.Text;
using Amends.CustomerLinks;
using Amends.Email;
using Amends.Incidents;
using Amends.Satisfaction;
using Amends.Storage;
using Microsoft.AspNetCore.Http;

namespace Amends.CustomerPages;

/// <summary>
/// Where the closing email's satisfaction links land. Opening a link (GET) only shows the question, with
/// the score clicked in the email chosen: mail security scanners open every link in a message, some
/// running its scripts, so nothing is recorded until the customer presses Send (a POST carrying the
/// form key that only this page holds). The form also takes an optional comment and an explicit,
/// unticked consent to show it on the return-policy page once staff have approved it.
/// </summary>
public sealed class SatisfactionPage(IncidentStore store, CustomerLinks.CustomerLinks links, SatisfactionSurvey survey)
{
    /// <summary>GET with an optional <c>?score=1..5</c>: the question, that score chosen; records nothing.</summary>
    public async Task<HtmlPage> ShowAsync(string token, string? score, CancellationToken cancellationToken = default)
    {
        var link = await links.CheckAsync(token, LinkPurpose.Satisfaction, cancellationToken);
        if (link.State != LinkState.Valid || await store.FindAsync(link.IncidentId!, cancellationToken) is not { Value: var incident })
        {
            return LinkRefused.For(link.State == LinkState.Valid ? LinkState.Unknown : link.State);
        }

        var text = PageText.For(incident.Customer.Language);
        var before = await survey.FindAsync(incident.Id, cancellationToken);
        if (string.IsNullOrEmpty(score))
        {
            return Render(StatusCodes.Status200OK, token, incident, before, "");
        }

        return ParseScore(score) is { } chosen
            ? Render(StatusCodes.Status200OK, token, incident, before, Notice(text.ConfirmScore), chosen)
            : Render(StatusCodes.Status400BadRequest, token, incident, before, Error(text.ChooseScore));
    }

    /// <summary>POST (a form: <c>score</c>, <c>comment</c>, <c>consent</c>, <c>form_key</c>): the full answer.</summary>
    public async Task<HtmlPage> CommentAsync(string token, HttpRequest request, CancellationToken cancellationToken = default)
    {
        var link = await links.CheckAsync(token, LinkPurpose.Satisfaction, cancellationToken);
        if (link.State != LinkState.Valid || await store.FindAsync(link.IncidentId!, cancellationToken) is not { Value: var incident })
        {
            return LinkRefused.For(link.State == LinkState.Valid ? LinkState.Unknown : link.State);
        }

        var text = PageText.For(incident.Customer.Language);
        var before = await survey.FindAsync(incident.Id, cancellationToken);
        if (!request.HasFormContentType || request.ContentLength is null or > 64 * 1024 || StatusPage.IsCrossSite(request))
        {
            return Render(StatusCodes.Status400BadRequest, token, incident, before, Error(text.FormExpired));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return Render(StatusCodes.Status400BadRequest, token, incident, before, Error(text.FormExpired));
        }

        if (!links.IsFormKey(token, form["form_key"]))
        {
            return Render(StatusCodes.Status400BadRequest, token, incident, before, Error(text.FormExpired));
        }

        var comment = form["comment"].ToString().Trim();
        if (ParseScore(form["score"]) is not { } score)
        {
            return Render(StatusCodes.Status400BadRequest, token, incident, before, Error(text.ChooseScore));
        }

        if (comment.Length > SatisfactionSurvey.MaxCommentLength)
        {
            return Render(StatusCodes.Status400BadRequest, token, incident, before,
                Error(string.Format(CultureInfo.InvariantCulture, text.MessageTooLong, SatisfactionSurvey.MaxCommentLength)));
        }

        var answer = await survey.AnswerAsync(incident.Id, score, comment, form["consent"] == "yes",
            FirstName(incident), CustomerLanguage.Normalize(incident.Customer.Language), cancellationToken);
        return Render(StatusCodes.Status200OK, token, incident, answer, Notice(text.AnswerSaved));
    }

    private HtmlPage Render(int status, string token, Incident incident, SatisfactionResponse? answer, string notice, int? chosen = null)
    {
        var language = CustomerLanguage.Normalize(incident.Customer.Language);
        var text = PageText.For(language);
        var html = new StringBuilder(notice)
            .Append(CultureInfo.InvariantCulture, $"<p>{HtmlPage.Encode(string.Format(CultureInfo.InvariantCulture, text.SatisfactionQuestion, incident.Id))}</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/satisfaction/{HtmlPage.Encode(Uri.EscapeDataString(token))}\" accept-charset=\"UTF-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"form_key\" value=\"{HtmlPage.Encode(links.FormKey(token))}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<fieldset><legend>{HtmlPage.Encode(text.YourScore)}</legend><div class=\"scores\">");
        for (var score = 1; score <= 5; score++)
        {
            var name = score switch { 1 => $"1 – {text.Poor}", 5 => $"5 – {text.Excellent}", _ => score.ToString(CultureInfo.InvariantCulture) };
            var isChecked = (chosen ?? answer?.Score) == score ? " checked" : "";
            html.Append(CultureInfo.InvariantCulture,
                $"<label><input type=\"radio\" name=\"score\" value=\"{score}\"{isChecked}> {HtmlPage.Encode(name)}</label>");
        }

        var consent = answer?.Consent == true ? " checked" : "";
        html.Append("</div></fieldset>\n")
            .Append(CultureInfo.InvariantCulture, $"<label for=\"comment\">{HtmlPage.Encode(text.CommentLabel)}</label>\n")
            .Append(CultureInfo.InvariantCulture, $"<textarea id=\"comment\" name=\"comment\" maxlength=\"{SatisfactionSurvey.MaxCommentLength}\">{HtmlPage.Encode(answer?.Comment)}</textarea>\n")
            .Append(CultureInfo.InvariantCulture, $"<label class=\"check\"><input type=\"checkbox\" name=\"consent\" value=\"yes\"{consent}> {HtmlPage.Encode(text.ConsentLabel)}</label>\n")
            .Append(CultureInfo.InvariantCulture, $"<button type=\"submit\">{HtmlPage.Encode(text.Send)}</button>\n</form>");
        return HtmlPage.Of(status, language, text.SatisfactionTitle, html.ToString());
    }

    private static int? ParseScore(string? score) =>
        int.TryParse(score, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 5 ? value : null;

    /// <summary>A testimonial shows the first name only.</summary>
    private static string FirstName(Incident incident) =>
        incident.Customer.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var first, ..] && !first.Contains('@', StringComparison.Ordinal)
            ? first : "";

    private static string Notice(string text) => $"<p class=\"notice\" role=\"status\">{HtmlPage.Encode(text)}</p>\n";

    private static string Error(string text) => $"<p class=\"error\" role=\"alert\">{HtmlPage.Encode(text)}</p>\n";
}
