using System.Globalization;
using System.Text;
using Amends.CustomerLinks;
using Amends.CustomerPages;
using Amends.Email;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Intake;
using Amends.Orders;
using Amends.Photos;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.ReportProblem;

/// <summary>
/// The public "report a problem" page the store links to: order number and email, what happened (with a
/// picture for each kind), a description and photos, in the customer's language and the store's colours.
/// A report opens its incident through <see cref="IncidentIntake"/>, as the API does (the same
/// acknowledgement and workflow; the form's signed token is its idempotency key), and the customer lands
/// on the incident's status page. Plain HTML: no script, works as a multipart form post without JavaScript.
/// </summary>
public sealed class ReportPage(
    ReportLinks reportLinks,
    ReportLimits limits,
    IncidentIntake intake,
    IOrderLookup orders,
    PhotoChecks checks,
    IncidentPhotos photos,
    IncidentStore store,
    CustomerLinks.CustomerLinks links,
    IOptions<ReportPageOptions> options,
    IOptions<PhotoOptions> photoOptions)
{
    /// <summary>The longest description the form takes.</summary>
    public const int MaxDescriptionLength = 5000;

    /// <summary>What the photos of a report are recorded as coming from.</summary>
    public const string Source = "report-page";

    /// <summary>The form field a person never sees and a robot fills in.</summary>
    public const string Honeypot = "website";

    private const string FromCustomer = "customer";
    private const string FromAmends = "amends";

    /// <summary>Room for the multipart framing and the text fields around the files themselves.</summary>
    private const long FramingBytes = 1024 * 1024;

    private const string PageStyle =
        "input[type=text],input[type=email]{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #595959;border-radius:4px}" +
        "nav.langs ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:0 0 1rem}nav.langs li{margin:0}nav.langs a[aria-current]{font-weight:700;text-decoration:none}" +
        ".choices{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.5rem;margin-top:.5rem}" +
        ".choices label{margin:0;display:flex;flex-direction:column;align-items:center;gap:.35rem;text-align:center;font-weight:400;padding:.75rem .5rem;border:1px solid #767676;border-radius:6px;cursor:pointer}" +
        ".choices label:has(input:checked){border-width:3px;padding:calc(.75rem - 2px) calc(.5rem - 2px);font-weight:600}" +
        ".choices input{margin:0}" +
        ".trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}" +
        "@media (prefers-color-scheme:dark){input[type=text],input[type=email]{background:#1e1e1e;color:#f0f0f0;border-color:#9e9e9e}.choices label{border-color:#9e9e9e}}";

    /// <summary>The empty form, or prefilled from the store's signed link (<c>?order=…&amp;email=…&amp;sig=…</c>); a link with a wrong signature prefills nothing.</summary>
    public HtmlPage Show(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = Language(request);
        var order = request.Query["order"].ToString();
        var email = request.Query["email"].ToString();
        var signature = request.Query["sig"].ToString();
        var form = reportLinks.IsSignedByStore(order, email, signature)
            ? new ReportFields(order.Trim(), email.Trim(), "", null, "", signature)
            : ReportFields.Empty;
        return Render(StatusCodes.Status200OK, language, form, []);
    }

    /// <summary>
    /// Takes the form (<c>multipart/form-data</c>). Refuses, with the page and the reason: a post from
    /// another site or without our token, too many reports (429, <c>Retry-After</c>), a form too large
    /// (413), missing or invalid fields, refused files, an order number and email that do not match the
    /// store's order. Otherwise opens the incident and answers 303 to its status page.
    /// </summary>
    public async Task<IResult> PostAsync(HttpRequest request, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = Language(request);
        var text = ReportText.For(language);
        var words = PageText.For(language);
        if (limits.TakeForAddress(ClientAddress.Of(request, options.Value)) is { } wait)
        {
            return TooMany(language, ReportFields.Empty, wait);
        }

        var photoLimits = photoOptions.Value;
        var limit = photoLimits.MaxMessageBytes + FramingBytes;
        if (MultipartForm.Boundary(request.ContentType) is not { } boundary || IsCrossSite(request))
        {
            return Render(StatusCodes.Status400BadRequest, language, ReportFields.Empty, [words.FormExpired]);
        }

        if (request.ContentLength > limit || await Api.InboundEmailApi.ReadAsync(request.Body, limit, request.ContentLength, cancellationToken) is not { } body)
        {
            return Render(StatusCodes.Status413PayloadTooLarge, language, ReportFields.Empty,
                [string.Format(CultureInfo.InvariantCulture, words.FormTooLarge, AttachmentRejection.Megabytes(photoLimits.MaxMessageBytes))]);
        }

        IReadOnlyList<FormPart> parts;
        try
        {
            parts = await MultipartForm.ReadAsync(body, boundary, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return Render(StatusCodes.Status400BadRequest, language, ReportFields.Empty, [words.FormExpired]);
        }

        var form = ReportFields.From(parts);
        if (reportLinks.CheckFormToken(Field(parts, "form_token")) is not { } nonce)
        {
            return Render(StatusCodes.Status400BadRequest, language, form, [words.FormExpired]);
        }

        // A robot filled in the field no person sees: thank it and keep nothing.
        if (Field(parts, Honeypot) is { Length: > 0 })
        {
            return HtmlPage.Of(StatusCodes.Status200OK, language, text.ReportTitle, $"<p class=\"notice\" role=\"status\">{HtmlPage.Encode(text.ReportThanks)}</p>\n");
        }

        // Counted before the fields are checked, so trying pairs of order number and email is as slow as the limit.
        if (form.Email.Length > 0 && limits.TakeForEmail(form.Email) is { } emailWait)
        {
            return TooMany(language, form, emailWait);
        }

        if (form.Errors(text) is { Count: > 0 } errors)
        {
            return Render(StatusCodes.Status400BadRequest, language, form, errors);
        }

        // A file input left empty still sends a part, with no name and no bytes.
        var files = checks.Check([.. parts.Where(p => p.FileName is not null && p.Content.Length > 0).Select(p => new IncomingFile(p.FileName!, p.ContentType, p.Content))]);
        if (files.Rejected.Count > 0)
        {
            var list = string.Concat(files.Rejected.Select(r => $"<li>{HtmlPage.Encode(r.FileName)}: {HtmlPage.Encode(words.Rejection(r.Reason, photoOptions.Value))}</li>"));
            return Render(StatusCodes.Status400BadRequest, language, form, [],
                $"<div class=\"error\" role=\"alert\"><p>{HtmlPage.Encode(words.FilesRefused)}</p><ul>{list}</ul></div>\n");
        }

        var check = await VerifyAsync(form, cancellationToken);
        if (check.Kind == OrderCheckKind.NoMatch)
        {
            return Render(StatusCodes.Status400BadRequest, language, form, [text.ReportNoMatch]);
        }

        var report = new NewIncident(form.Email, CustomerName(form, check), language, form.Order, form.Description, form.Category);
        if (report.Validate().Count > 0)
        {
            return Render(StatusCodes.Status400BadRequest, language, form, [text.ReportBadEmail]);
        }

        var key = "report-form:" + nonce;
        var fingerprint = IdempotencyKeys.Fingerprint(Encoding.UTF8.GetBytes(key));
        IntakeResult opened;
        try
        {
            opened = await intake.OpenAsync(report, key, fingerprint, (incident, ct) => AddAsync(incident, files.Accepted, check, ct), workflows, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The same form sent twice at once: both claim the one key, and the loser may find the workflow
            // scheduled under its feet. Asking again finishes what the first started and finds its incident.
            opened = await intake.OpenAsync(report, key, fingerprint, (incident, ct) => AddAsync(incident, files.Accepted, check, ct), workflows, cancellationToken);
        }

        var token = await links.TokenAsync(opened.Incident!.Id, LinkPurpose.Status, cancellationToken);
        return new SeeOther($"/status/{Uri.EscapeDataString(token)}");
    }

    /// <summary><c>?lang=</c> or the form's <c>lang</c> when given, else the browser's first language we write in, else the store's default.</summary>
    public string Language(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asked = request.Query["lang"].ToString();
        if (asked.Length > 0)
        {
            return CustomerLanguage.Normalize(asked);
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => CustomerLanguage.Supported.Contains(CustomerLanguage.Normalize(l)) &&
                (CustomerLanguage.Normalize(l) != "en" || l.StartsWith("en", StringComparison.OrdinalIgnoreCase)));
        return CustomerLanguage.Normalize(accepted ?? options.Value.DefaultLanguage);
    }

    /// <summary>
    /// Whether the order number and email belong together: the store's signed link vouches for them;
    /// otherwise the store's order must carry that email. When the store's orders cannot be read, the
    /// report is taken and flagged instead of turning a customer away.
    /// </summary>
    internal async Task<OrderCheck> VerifyAsync(ReportFields form, CancellationToken cancellationToken)
    {
        if (reportLinks.IsSignedByStore(form.Order, form.Email, form.Signature))
        {
            return new OrderCheck(OrderCheckKind.Verified, "the store's signed link", null);
        }

        return await orders.FindAsync(form.Order, cancellationToken) switch
        {
            OrderLookupResult.Found found when string.Equals(found.Order.Customer.Email.Trim(), form.Email, StringComparison.OrdinalIgnoreCase) =>
                new OrderCheck(OrderCheckKind.Verified, "the store's order", found.Order.Customer.Name),
            OrderLookupResult.Found or OrderLookupResult.NotFound => new OrderCheck(OrderCheckKind.NoMatch, "", null),
            OrderLookupResult.Unavailable unavailable => new OrderCheck(OrderCheckKind.NotVerified, "the store's orders could not be reached: " + unavailable.Reason, null),
            OrderLookupResult.Refused refused => new OrderCheck(OrderCheckKind.NotVerified, "the store refused the order lookup: " + refused.Reason, null),
            _ => new OrderCheck(OrderCheckKind.NotVerified, "no order lookup is configured", null),
        };
    }

    /// <summary>What came with the report, kept before the workflow starts; the same again on a retry (entry ids and photo names are fixed).</summary>
    private async Task AddAsync(Incident incident, IReadOnlyList<AcceptedFile> files, OrderCheck check, CancellationToken cancellationToken)
    {
        var at = incident.CreatedAt;
        foreach (var file in files)
        {
            if (!await photos.ExistsAsync(incident.Id, file.Name, cancellationToken))
            {
                await photos.SaveAsync(incident.Id, file, Source, at, cancellationToken);
            }
        }

        var note = check.Kind == OrderCheckKind.Verified
            ? $"Reported on the report-a-problem page. The order number and email were checked against {check.How}."
            : $"Reported on the report-a-problem page. The order number and email are NOT verified ({check.How}): check them with the store before acting.";
        List<TimelineEntry> entries =
        [
            new(IncidentStore.StepEntryId(at, "report-page"), TimelineEntryKind.InternalNote, at, note, FromAmends, CustomerFacing: false, Delivered: false),
            .. PhotoTimeline.Entries(new CheckedFiles(files, []), IncidentStore.StepEntryId(at, "report"), at, FromCustomer),
        ];
        await store.ChangeAsync(
            incident.Id,
            i => check.Kind == OrderCheckKind.NotVerified && i.Attention?.Any(a => a.Kind == AttentionKind.OrderNotVerified) != true
                ? i.Raise(AttentionKind.OrderNotVerified, at, check.How.Length > 80 ? check.How[..80] : check.How)
                : i,
            entries,
            cancellationToken);
    }

    private HtmlPage Render(int status, string language, ReportFields form, IReadOnlyList<string> errors, string notice = "")
    {
        var text = ReportText.For(language);
        var words = PageText.For(language);
        var culture = CustomerLanguage.Culture(language);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<nav class=\"langs\" aria-label=\"{HtmlPage.Encode(text.ReportLanguage)}\"><ul>");
        foreach (var code in CustomerLanguage.Supported)
        {
            var current = code == language ? " aria-current=\"true\"" : "";
            html.Append(CultureInfo.InvariantCulture,
                $"<li><a href=\"{HtmlPage.Encode(SwitchLink(code, form))}\" lang=\"{code}\" hreflang=\"{code}\"{current}>{HtmlPage.Encode(ReportText.For(code).ReportLanguageName)}</a></li>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</ul></nav>\n<p>{HtmlPage.Encode(text.ReportIntro)}</p>\n").Append(notice);
        if (errors.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"error\" role=\"alert\" id=\"errors\"><p>{HtmlPage.Encode(text.ReportErrorsHeading)}</p><ul>")
                .AppendJoin("", errors.Select(e => $"<li>{HtmlPage.Encode(e)}</li>"))
                .Append("</ul></div>\n");
        }

        var filesLabel = words.PhotosLabelWith(photoOptions.Value, culture);
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/report?lang={language}\" enctype=\"multipart/form-data\" accept-charset=\"UTF-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"form_token\" value=\"{HtmlPage.Encode(reportLinks.NewFormToken())}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"sig\" value=\"{HtmlPage.Encode(form.Signature)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<label for=\"order\">{HtmlPage.Encode(text.ReportOrderLabel)}</label>\n")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"text\" id=\"order\" name=\"order\" required maxlength=\"{NewIncident.MaxOrderNumberLength}\" autocomplete=\"off\" value=\"{HtmlPage.Encode(form.Order)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<label for=\"email\">{HtmlPage.Encode(text.ReportEmailLabel)}</label>\n")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"email\" id=\"email\" name=\"email\" required maxlength=\"{EmailAddresses.MaxLength}\" autocomplete=\"email\" value=\"{HtmlPage.Encode(form.Email)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<label for=\"name\">{HtmlPage.Encode(text.ReportNameLabel)}</label>\n")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"text\" id=\"name\" name=\"name\" maxlength=\"200\" autocomplete=\"name\" value=\"{HtmlPage.Encode(form.Name)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<fieldset><legend>{HtmlPage.Encode(text.ReportWhatHappened)}</legend><div class=\"choices\">\n");
        foreach (var category in CategoryPictures.Choices)
        {
            var value = category == IncidentCategory.Unknown ? ReportFields.SomethingElse : category.ToString();
            var chosen = form.CategoryValue == value ? " checked" : "";
            html.Append(CultureInfo.InvariantCulture,
                $"<label>{CategoryPictures.For(category)}<span>{HtmlPage.Encode(text.Category(category))}</span><input type=\"radio\" name=\"category\" value=\"{value}\" required{chosen}></label>\n");
        }

        html.Append("</div></fieldset>\n")
            .Append(CultureInfo.InvariantCulture, $"<label for=\"description\">{HtmlPage.Encode(text.ReportDescriptionLabel)}</label>\n")
            .Append(CultureInfo.InvariantCulture, $"<textarea id=\"description\" name=\"description\" required maxlength=\"{MaxDescriptionLength}\">{HtmlPage.Encode(form.Description)}</textarea>\n")
            .Append(CultureInfo.InvariantCulture, $"<label for=\"photos\">{HtmlPage.Encode(filesLabel)}</label>\n")
            .Append("<input type=\"file\" id=\"photos\" name=\"photos\" multiple accept=\"image/jpeg,image/png,image/heic,image/webp,application/pdf\">\n")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"trap\" aria-hidden=\"true\"><label for=\"{Honeypot}\">{HtmlPage.Encode(text.ReportHoneypot)}</label>")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"text\" id=\"{Honeypot}\" name=\"{Honeypot}\" tabindex=\"-1\" autocomplete=\"off\"></div>\n")
            .Append(CultureInfo.InvariantCulture, $"<button type=\"submit\">{HtmlPage.Encode(text.ReportSend)}</button>\n</form>");
        return HtmlPage.Of(status, language, text.ReportTitle, html.ToString()) with { Style = PageStyle };
    }

    private IResult TooMany(string language, ReportFields form, TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        var message = string.Format(CustomerLanguage.Culture(language), ReportText.For(language).ReportTooMany, minutes);
        return new RetryLater(Render(StatusCodes.Status429TooManyRequests, language, form, [message]), wait);
    }

    /// <summary>The page in <paramref name="code"/>, keeping a prefilled link's order, email and signature.</summary>
    private static string SwitchLink(string code, ReportFields form) =>
        form.Signature.Length > 0
            ? $"/report?lang={code}&order={Uri.EscapeDataString(form.Order)}&email={Uri.EscapeDataString(form.Email)}&sig={Uri.EscapeDataString(form.Signature)}"
            : $"/report?lang={code}";

    private static string CustomerName(ReportFields form, OrderCheck check)
    {
        if (form.Name.Length > 0)
        {
            return form.Name;
        }

        return check.Name is { Length: > 0 } name ? name.Trim() : form.Email[..form.Email.IndexOf('@', StringComparison.Ordinal)];
    }

    private static string? Field(IReadOnlyList<FormPart> parts, string name) => ReportFields.Field(parts, name);

    /// <summary>Browsers say when a post comes from another site's page; ours never does.</summary>
    private static bool IsCrossSite(HttpRequest request) =>
        string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase);
}

/// <summary>How the order number and email of a report were checked.</summary>
internal enum OrderCheckKind
{
    /// <summary>They belong together.</summary>
    Verified,

    /// <summary>The store has no such order with that email: the report is refused, without saying which.</summary>
    NoMatch,

    /// <summary>The store's orders could not be read: the report is taken and flagged.</summary>
    NotVerified,
}

/// <summary>The outcome of checking a report's order.</summary>
/// <param name="Kind">Verified, no match, or not verified.</param>
/// <param name="How">What vouched for it, or why it could not be checked (for staff).</param>
/// <param name="Name">The customer's name on the order, when the store gave it.</param>
internal sealed record OrderCheck(OrderCheckKind Kind, string How, string? Name);

/// <summary>A page whose status is 429 and that says when to try again.</summary>
/// <param name="Page">The page.</param>
/// <param name="After">How long to wait.</param>
internal sealed record RetryLater(HtmlPage Page, TimeSpan After) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(After.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Page.ExecuteAsync(httpContext);
    }
}
