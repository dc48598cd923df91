using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amends.CustomerLinks;
using Amends.Email;
using Amends.Inbound;
using Amends.Incidents;
using Amends.Money;
using Amends.Photos;
using Amends.Reopen;
using Amends.Resolve;
using Amends.Returns;
using Amends.Storage;
using Amends.Workflow;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.CustomerPages;

/// <summary>
/// The customer's status page: where their incident stands, in their language, from what they were
/// told (never internal notes or diagnosis), with a form to add a message or photos. What they send
/// joins the timeline as their message and flags the incident for staff, but changes nothing about
/// when we last wrote to them: only we can reset the silence clock.
/// </summary>
public sealed class StatusPage(
    IncidentStore store,
    CustomerLinks.CustomerLinks links,
    PhotoChecks checks,
    IncidentPhotos photos,
    StaffActions staff,
    Reopening reopening,
    IOptions<SilenceOptions> silence,
    IOptions<PhotoOptions> photoOptions,
    TimeProvider clock,
    MoneyFormat money)
{
    /// <summary>The longest message the form takes.</summary>
    public const int MaxMessageLength = 5000;

    /// <summary>What a customer's upload is recorded as coming from.</summary>
    public const string Source = "status-page";

    private const string FromCustomer = "customer";

    /// <summary>Room for the multipart framing and the message around the files themselves.</summary>
    private const long FramingBytes = 1024 * 1024;

    /// <summary>The page for <paramref name="token"/>; <paramref name="sent"/> thanks for a message just sent.</summary>
    public async Task<HtmlPage> ShowAsync(string token, bool sent, CancellationToken cancellationToken = default)
    {
        var link = await links.CheckAsync(token, LinkPurpose.Status, cancellationToken);
        if (link.State != LinkState.Valid || await store.FindAsync(link.IncidentId!, cancellationToken) is not { Value: var incident })
        {
            return LinkRefused.For(link.State == LinkState.Valid ? LinkState.Unknown : link.State);
        }

        var notice = sent ? $"<p class=\"notice\" role=\"status\">{HtmlPage.Encode(PageText.For(incident.Customer.Language).Sent)}</p>\n" : "";
        return await RenderAsync(StatusCodes.Status200OK, token, incident, notice, "", cancellationToken);
    }

    /// <summary>
    /// Takes the form (<c>multipart/form-data</c>: <c>message</c>, files, <c>form_key</c>). Files get the
    /// same checks as email attachments; if any is refused nothing is kept and the page says which and
    /// why, so the customer can send again without it. Success redirects back to the page (303).
    /// </summary>
    public async Task<IResult> PostAsync(string token, HttpRequest request, DurableTaskClient workflows, CancellationToken cancellationToken = default)
    {
        var link = await links.CheckAsync(token, LinkPurpose.Status, cancellationToken);
        if (link.State != LinkState.Valid || await store.FindAsync(link.IncidentId!, cancellationToken) is not { Value: var incident })
        {
            return LinkRefused.For(link.State == LinkState.Valid ? LinkState.Unknown : link.State);
        }

        var text = PageText.For(incident.Customer.Language);
        var limits = photoOptions.Value;
        var limit = limits.MaxMessageBytes + FramingBytes;
        if (MultipartForm.Boundary(request.ContentType) is not { } boundary || IsCrossSite(request))
        {
            return await ErrorAsync(incident, token, text.FormExpired, "", cancellationToken);
        }

        if (request.ContentLength > limit || await Api.InboundEmailApi.ReadAsync(request.Body, limit, request.ContentLength, cancellationToken) is not { } body)
        {
            return await ErrorAsync(incident, token, string.Format(CultureInfo.InvariantCulture, text.FormTooLarge, AttachmentRejection.Megabytes(limits.MaxMessageBytes)), "", cancellationToken);
        }

        IReadOnlyList<FormPart> parts;
        try
        {
            parts = await MultipartForm.ReadAsync(body, boundary, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return await ErrorAsync(incident, token, text.FormExpired, "", cancellationToken);
        }

        var message = Field(parts, "message")?.Trim() ?? "";
        if (!links.IsFormKey(token, Field(parts, "form_key")))
        {
            return await ErrorAsync(incident, token, text.FormExpired, message, cancellationToken);
        }

        if (message.Length > MaxMessageLength)
        {
            return await ErrorAsync(incident, token, string.Format(CultureInfo.InvariantCulture, text.MessageTooLong, MaxMessageLength), message, cancellationToken);
        }

        // A file input left empty still sends a part, with no name and no bytes.
        var files = parts.Where(p => p.FileName is not null && p.Content.Length > 0)
            .Select(p => new IncomingFile(p.FileName!, p.ContentType, p.Content)).ToList();
        if (message.Length == 0 && files.Count == 0)
        {
            return await ErrorAsync(incident, token, text.EmptyForm, message, cancellationToken);
        }

        var result = checks.Check(files);
        if (result.Rejected.Count > 0)
        {
            var list = string.Concat(result.Rejected.Select(r => $"<li>{HtmlPage.Encode(r.FileName)}: {HtmlPage.Encode(text.Rejection(r.Reason, photoOptions.Value))}</li>"));
            return await RenderAsync(StatusCodes.Status400BadRequest, token, incident,
                $"<div class=\"error\" role=\"alert\"><p>{HtmlPage.Encode(text.FilesRefused)}</p><ul>{list}</ul></div>\n", message, cancellationToken);
        }

        await RecordAsync(incident, message, result, workflows, cancellationToken);
        return new SeeOther($"/status/{Uri.EscapeDataString(token)}?sent=1");
    }

    /// <summary>Whether <paramref name="entry"/> is something the customer said or was told.</summary>
    public static bool IsShownToCustomer(TimelineEntry entry) =>
        entry.Kind is TimelineEntryKind.Reported or TimelineEntryKind.CustomerMessage
            ? entry.Author == FromCustomer
            : entry.CustomerFacing && entry.Kind is not (TimelineEntryKind.InternalNote or TimelineEntryKind.Diagnosed);

    private async Task RecordAsync(Incident incident, string message, CheckedFiles files, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stem = string.Create(CultureInfo.InvariantCulture, $"{now.UtcTicks:D19}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

        // After closing, the message reopens the incident or opens its follow-up: never lost.
        var target = await reopening.TargetAsync(incident, "status|" + stem, now, cancellationToken);
        incident = target.Incident;
        foreach (var file in files.Accepted)
        {
            // Names are content hashes: a photo sent again is already there.
            if (!await photos.ExistsAsync(incident.Id, file.Name, cancellationToken))
            {
                await photos.SaveAsync(incident.Id, file, Source, now, cancellationToken);
            }
        }

        // What the timeline lacks: a post sent again after a failure records the photos its first try stored but did not.
        var unrecorded = PhotoTimeline.Unrecorded(files, await store.TimelineAsync(incident.Id, cancellationToken));
        List<TimelineEntry> entries =
        [
            new($"{stem}-m", TimelineEntryKind.CustomerMessage, now,
                message.Length > 0 ? message : "(Photos sent from the status page, without a message.)", FromCustomer, CustomerFacing: false, Delivered: false),
            .. PhotoTimeline.Entries(unrecorded, stem, now, FromCustomer),
        ];

        // Storage first, then the wake-up. The last contact time is ours alone: the customer writing does not move it.
        try
        {
            await store.ChangeAsync(incident.Id, i => i.Raise(AttentionKind.CustomerMessage, now, "status page"), entries, cancellationToken);
        }
        catch (RequestFailedException)
        {
            // The message may be stored and only mirroring it failed: the workflow hears of it now, not at the customer's next try (#20).
            await WakeAsync(target, incident, workflows, cancellationToken);
            throw;
        }

        await WakeAsync(target, incident, workflows, cancellationToken);
    }

    private async Task WakeAsync(MessageTarget target, Incident incident, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        if (target.Kind != MessageTargetKind.AsIs)
        {
            await reopening.StartAsync(target, workflows, cancellationToken);
        }
        else if (incident.Status == IncidentStatus.Open && EmailAddresses.IsMailbox(incident.Customer.Email))
        {
            await staff.WakeAsync(incident.Id, nameof(TimelineEntryKind.CustomerMessage), workflows, cancellationToken);
        }
    }

    private async Task<HtmlPage> ErrorAsync(Incident incident, string token, string error, string message, CancellationToken cancellationToken) =>
        await RenderAsync(StatusCodes.Status400BadRequest, token, incident, $"<p class=\"error\" role=\"alert\">{HtmlPage.Encode(error)}</p>\n", message, cancellationToken);

    private async Task<HtmlPage> RenderAsync(int status, string token, Incident incident, string notice, string message, CancellationToken cancellationToken)
    {
        var language = CustomerLanguage.Normalize(incident.Customer.Language);
        var text = PageText.For(language);
        var culture = CustomerLanguage.Culture(language);
        var timeline = (await store.TimelineAsync(incident.Id, cancellationToken)).Where(IsShownToCustomer).ToList();
        var html = new StringBuilder(notice);

        html.Append("<dl>");
        if (incident.OrderNumber.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>{HtmlPage.Encode(text.OrderLabel)}</dt><dd>{HtmlPage.Encode(incident.OrderNumber)}</dd>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<dt>{HtmlPage.Encode(text.StatusLabel)}</dt><dd>{HtmlPage.Encode(text.Status(incident.Status))}</dd>");
        if (incident.Resolution?.TrackingNumber is { Length: > 0 } tracking)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>{HtmlPage.Encode(text.TrackingLabel)}</dt><dd id=\"tracking\">{HtmlPage.Encode(tracking)}</dd>");
        }

        // What the customer gets back: a refund or credit, or the refund a return will bring.
        if (incident.Resolution is { } paid && (paid.Return?.Refund ?? paid.RefundAmount) is > 0 and var amount)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>{HtmlPage.Encode(text.AmountLabel)}</dt><dd id=\"amount\">{HtmlPage.Encode(money.Format(amount, language))}</dd>");
        }

        html.Append("</dl>\n");
        if (incident.Status == IncidentStatus.Open)
        {
            var due = incident.LastCustomerContactAt + silence.Value.Limit;
            var now = clock.GetUtcNow();
            var date = CustomerMailer.FormatDate(due > now ? due : now, language);
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"next-update\">{HtmlPage.Encode(string.Format(culture, text.NextUpdate, date))}</p>\n");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"next-update\">{HtmlPage.Encode(text.NoNextUpdate)}</p>\n");
        }

        if (incident.Resolution is { } resolution)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{HtmlPage.Encode(text.ResolutionHeading)}</h2>\n<p>{HtmlPage.Encode(text.Resolution(resolution.Type))}</p>\n");
            if (resolution.Note is { Length: > 0 } note)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"text\">{HtmlPage.Encode(note)}</p>\n");
            }

            if (incident.Return is { ReceivedAt: not null } parcel)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p id=\"return-received\">{HtmlPage.Encode(text.ReturnReceived)}</p>\n");
                if (parcel.Stage == ReturnStage.RefundSent)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p id=\"refund-sent\">{HtmlPage.Encode(text.RefundSent)}</p>\n");
                }
            }
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>{HtmlPage.Encode(text.HistoryHeading)}</h2>\n<ol reversed>\n");
        foreach (var entry in Enumerable.Reverse(timeline))
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<li><time datetime=\"{entry.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\">{HtmlPage.Encode(entry.At.UtcDateTime.ToString("f", culture))} UTC</time>");
            html.Append(CultureInfo.InvariantCulture, $"<strong>{HtmlPage.Encode(Heading(text, entry))}</strong>");
            if (Words(text, entry, incident) is { Length: > 0 } words)
            {
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"text\">{HtmlPage.Encode(words)}</div>");
            }

            html.Append("</li>\n");
        }

        var files = text.PhotosLabelWith(photoOptions.Value, culture);
        html.Append(CultureInfo.InvariantCulture, $"</ol>\n<h2 id=\"form-heading\">{HtmlPage.Encode(text.FormHeading)}</h2>\n")
            .Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/status/{HtmlPage.Encode(Uri.EscapeDataString(token))}\" enctype=\"multipart/form-data\" accept-charset=\"UTF-8\" aria-labelledby=\"form-heading\">\n")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"form_key\" value=\"{HtmlPage.Encode(links.FormKey(token))}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<label for=\"message\">{HtmlPage.Encode(text.MessageLabel)}</label>\n")
            .Append(CultureInfo.InvariantCulture, $"<textarea id=\"message\" name=\"message\" maxlength=\"{MaxMessageLength}\">{HtmlPage.Encode(message)}</textarea>\n")
            .Append(CultureInfo.InvariantCulture, $"<label for=\"photos\">{HtmlPage.Encode(files)}</label>\n")
            .Append("<input type=\"file\" id=\"photos\" name=\"photos\" multiple accept=\"image/jpeg,image/png,image/heic,image/webp,application/pdf\">\n")
            .Append(CultureInfo.InvariantCulture, $"<button type=\"submit\">{HtmlPage.Encode(text.Send)}</button>\n</form>");
        return HtmlPage.Of(status, language, string.Format(culture, text.IncidentTitle, incident.Id), html.ToString());
    }

    private static string Heading(PageText text, TimelineEntry entry) => entry.Kind switch
    {
        TimelineEntryKind.Reported => text.YouReported,
        TimelineEntryKind.CustomerMessage => text.YouWrote,
        TimelineEntryKind.Acknowledged => text.WeAcknowledged,
        TimelineEntryKind.SilenceUpdate => text.WeAreStillOnIt,
        TimelineEntryKind.ResolutionChosen => text.WeChoseResolution,
        TimelineEntryKind.Apologized => text.WeApologized,
        TimelineEntryKind.ReturnReceived => text.ReturnReceived,
        TimelineEntryKind.PaymentConfirmed => text.RefundSent,
        _ => text.WeWrote,
    };

    /// <summary>
    /// The words shown under a heading: the customer's own and staff's messages as written; what
    /// Amends itself recorded is for staff (English, with internals), so the heading speaks for it.
    /// </summary>
    private static string? Words(PageText text, TimelineEntry entry, Incident incident) => entry.Kind switch
    {
        TimelineEntryKind.Reported or TimelineEntryKind.CustomerMessage or TimelineEntryKind.StaffUpdate => entry.Text,
        TimelineEntryKind.Apologized when incident.DiscountCode is { Length: > 0 } code => string.Format(CultureInfo.InvariantCulture, text.DiscountCode, code),
        _ => null,
    };


    private static string? Field(IReadOnlyList<FormPart> parts, string name) =>
        parts.FirstOrDefault(p => p.FileName is null && p.Name == name) is { } part ? Encoding.UTF8.GetString(part.Content) : null;

    /// <summary>Browsers say when a post comes from another site's page; ours never does.</summary>
    internal static bool IsCrossSite(HttpRequest request) =>
        string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase);
}
