using System.Globalization;
using System.Text;
using Amends.Email;
using Amends.Incidents;
using Amends.Returns;
using Amends.Satisfaction;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Amends.CustomerPages;

/// <summary>
/// The public return-policy page, in the reader's language (<c>?lang=</c>, else Accept-Language): the
/// return window, the restocking fees and who pays the return shipping, from <see cref="ReturnPolicy"/>,
/// then the newest testimonials. A testimonial is shown as its customer wrote it, marked with its own
/// language (and named, when it differs from the page's) rather than machine-translated.
/// </summary>
public sealed class PolicyPage(IOptions<ReturnPolicy> policy, SatisfactionSurvey survey)
{
    /// <summary>How many testimonials the page shows at most.</summary>
    public const int Testimonials = 5;

    /// <summary>The page for <paramref name="request"/>'s language.</summary>
    public async Task<HtmlPage> ShowAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var language = Language(request);
        var text = PageText.For(language);
        var culture = CustomerLanguage.Culture(language);
        var rules = policy.Value;
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p>{HtmlPage.Encode(string.Format(culture, text.ReturnWindow, rules.ReturnWindowDays))}</p>\n<ul>")
            .Append(CultureInfo.InvariantCulture, $"<li>{HtmlPage.Encode(string.Format(culture, text.ChangedMindFee, rules.ChangedMindFeePercent.ToString("0.##", culture)))}</li>")
            .Append(CultureInfo.InvariantCulture, $"<li>{HtmlPage.Encode(string.Format(culture, text.WrongItemFee, rules.WrongItemFeePercent.ToString("0.##", culture)))}</li>")
            .Append(CultureInfo.InvariantCulture, $"<li>{HtmlPage.Encode(text.NoFeeWhenOurFault)}</li></ul>\n")
            .Append(CultureInfo.InvariantCulture, $"<h2 id=\"shipping\">{HtmlPage.Encode(text.ShippingHeading)}</h2>\n<table aria-labelledby=\"shipping\"><tbody>");
        foreach (var (responsibility, when) in new[]
        {
            (Responsibility.Store, text.WhenStore),
            (Responsibility.Carrier, text.WhenCarrier),
            (Responsibility.Customer, text.WhenCustomer),
            (Responsibility.Unknown, text.WhenUnknown),
        })
        {
            var payer = rules.ReturnShippingPaidBy.TryGetValue(responsibility, out var p) ? p : ReturnShippingPayer.Store;
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{HtmlPage.Encode(when)}</th><td>{HtmlPage.Encode(text.Payer(payer))}</td></tr>");
        }

        html.Append("</tbody></table>\n");
        var testimonials = await survey.TestimonialsAsync(Testimonials, cancellationToken);
        if (testimonials.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{HtmlPage.Encode(text.TestimonialsHeading)}</h2>\n");
            foreach (var testimonial in testimonials)
            {
                var written = CustomerLanguage.Normalize(testimonial.Language);
                var note = written == language ? "" : $" ({string.Format(CultureInfo.InvariantCulture, text.WrittenIn, text.LanguageName(written))})";
                var name = testimonial.FirstName.Length > 0 ? $"— {testimonial.FirstName}" : "—";
                html.Append(CultureInfo.InvariantCulture, $"<figure class=\"testimonial\"><blockquote lang=\"{written}\" class=\"text\">{HtmlPage.Encode(testimonial.Comment)}</blockquote>")
                    .Append(CultureInfo.InvariantCulture, $"<figcaption>{HtmlPage.Encode(name + note)}</figcaption></figure>\n");
            }
        }

        return HtmlPage.Of(StatusCodes.Status200OK, language, text.PolicyTitle, html.ToString());
    }

    /// <summary><c>?lang=</c> when given, else the first language of Accept-Language we write in, else English.</summary>
    public static string Language(HttpRequest request)
    {
        if (request.Query["lang"].ToString() is { Length: > 0 } asked)
        {
            return CustomerLanguage.Normalize(asked);
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => CustomerLanguage.Normalize(l) != "en" || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return CustomerLanguage.Normalize(accepted);
    }
}
