using System.Globalization;
using Amends.Compensate;
using Amends.Email;
using Amends.Incidents;
using Amends.Intake;
using Amends.Orders;
using Amends.Resolve;
using Amends.Returns;
using Amends.Staff;
using Amends.Storage;
using Amends.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Api;

/// <summary>
/// The store HTTP API's incident handlers. Each adapts HTTP to the product library and answers with
/// typed results; both hosts call these same methods.
/// </summary>
public static class IncidentsApi
{
    /// <summary>The header that makes a create idempotent.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;
    private const int MaxTextLength = 10_000;
    private const decimal MaxAmount = 1_000_000;

    /// <summary>
    /// POST /api/v1/incidents: opens an incident and starts its workflow. With an order lookup configured, the
    /// order number alone will do: the customer comes from the store's order (400 naming <c>customerEmail</c> when
    /// the store cannot give it).
    /// </summary>
    public static async Task<IResult> CreateAsync(
        HttpRequest request, IncidentIntake intake, IOptions<SilenceOptions> silence, DurableTaskClient workflows, OrderReading orders, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<NewIncident>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var errors = body.Value!.Validate(orders.Configured);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (string.IsNullOrWhiteSpace(body.Value.CustomerEmail))
        {
            if (await orders.CustomerOfAsync(body.Value.OrderNumber!, cancellationToken) is not { } order)
            {
                return Problems.Invalid("customerEmail", "Required: the store's order lookup could not give this order's customer (no such order, or the store is unreachable).");
            }

            body = body with { Value = body.Value.WithCustomerOf(order) };
        }

        string? key = request.Headers[IdempotencyKeyHeader];
        if (key is { Length: > 200 })
        {
            return Problems.Invalid(IdempotencyKeyHeader, "At most 200 characters.");
        }

        var result = await intake.OpenAsync(body.Value, string.IsNullOrWhiteSpace(key) ? null : key, IdempotencyKeys.Fingerprint(body.Raw), workflows, cancellationToken);
        if (result.KeyReused)
        {
            return Problems.KeyReused();
        }

        var incident = result.Incident!;
        return TypedResults.Json(
            new IncidentView(incident, incident.LastCustomerContactAt + silence.Value.Limit, []),
            ApiJson.Options,
            statusCode: StatusCodes.Status201Created);
    }

    /// <summary>GET /api/v1/incidents/{id}: the incident with its timeline.</summary>
    public static async Task<IResult> GetAsync(string id, IncidentStore store, IOptions<SilenceOptions> silence, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return Problems.NotFound($"There is no incident {id}.");
        }

        var timeline = await store.TimelineAsync(id, cancellationToken);
        DateTimeOffset? nextUpdate = incident.Status == IncidentStatus.Open ? incident.LastCustomerContactAt + silence.Value.Limit : null;
        return TypedResults.Json(new IncidentView(incident, nextUpdate, timeline), ApiJson.Options);
    }

    /// <summary>
    /// GET /api/v1/incidents: the queue, open first and oldest first, filtered and paged; with
    /// <c>dueWithinHours</c>, the open incidents whose customer must hear from us within that many hours,
    /// soonest first.
    /// </summary>
    public static async Task<IResult> ListAsync(HttpRequest request, IncidentStore store, IOptions<SilenceOptions> silence, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = request.Query;
        Dictionary<string, string[]> errors = [];
        var status = Parse<IncidentStatus>(query, "status", errors);
        var category = Parse<IncidentCategory>(query, "category", errors);
        var responsibility = Parse<Responsibility>(query, "responsibility", errors);
        var from = ParseDate(query, "from", errors);
        var to = ParseDate(query, "to", errors);
        var pageSize = DefaultPageSize;
        if (query.TryGetValue("pageSize", out var size) &&
            (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors["pageSize"] = [$"A whole number from 1 to {MaxPageSize}."];
        }

        string? continuation = query["continuationToken"];
        if (continuation is not null && !IncidentStore.IsContinuationToken(continuation))
        {
            errors["continuationToken"] = ["Pass back the token of the previous page unchanged."];
        }

        var customerEmail = NonEmpty(query["customerEmail"]);
        if (customerEmail is not null && !EmailAddresses.IsMailbox(customerEmail))
        {
            errors["customerEmail"] = [EmailAddresses.Requirement];
        }

        var orderNumber = NonEmpty(query["orderNumber"]);
        if (orderNumber is { Length: > NewIncident.MaxOrderNumberLength })
        {
            errors["orderNumber"] = [$"At most {NewIncident.MaxOrderNumberLength} characters."];
        }

        var more = QueueFilters.Parse(query, silence.Value, clock, errors);
        var assignee = AssignmentApi.AssigneeFilter(request, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var filter = new IncidentQuery(status, category, responsibility, from, to, orderNumber, customerEmail) with
        {
            Text = more.Text, Sku = more.Sku, AssigneeId = assignee, NeedsAttention = more.NeedsAttention, LastContactBefore = more.LastContactBefore,
        };
        if (more.LastContactBefore is not null)
        {
            filter = filter with { Status = IncidentStatus.Open };
        }

        var page = await store.ListAsync(filter, continuation, pageSize, cancellationToken);
        return TypedResults.Json(QueueFilters.WithDueTimes(page, silence.Value), ApiJson.Options);
    }

    /// <summary>POST /api/v1/incidents/{id}/updates: a message to the customer, emailed by the workflow.</summary>
    public static async Task<IResult> PostUpdateAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<StaffUpdateRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        return RequireText(body.Value!.Message, "message") ?? Answer(id, await actions.As(StaffIdentity.NameOf(request)).PostUpdateAsync(id, body.Value.Message!, workflows, cancellationToken));
    }

    /// <summary>POST /api/v1/incidents/{id}/notes: a note only staff see.</summary>
    public static async Task<IResult> AddNoteAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<InternalNoteRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        return RequireText(body.Value!.Note, "note") ?? Answer(id, await actions.As(StaffIdentity.NameOf(request)).AddNoteAsync(id, body.Value.Note!, cancellationToken));
    }

    /// <summary>POST /api/v1/incidents/{id}/diagnosis: category and responsibility.</summary>
    public static async Task<IResult> DiagnoseAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<DiagnosisRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        Dictionary<string, string[]> errors = [];
        if (body.Value!.Category is null)
        {
            errors["category"] = [$"Required: one of {string.Join(", ", Enum.GetNames<IncidentCategory>())}."];
        }

        if (body.Value.Responsibility is null)
        {
            errors["responsibility"] = [$"Required: one of {string.Join(", ", Enum.GetNames<Responsibility>())}."];
        }

        return errors.Count > 0
            ? Problems.Invalid(errors)
            : Answer(id, await actions.As(StaffIdentity.NameOf(request)).DiagnoseAsync(id, body.Value.Category!.Value, body.Value.Responsibility!.Value, cancellationToken));
    }

    /// <summary>POST /api/v1/incidents/{id}/resolution: how the store fixes it and what it costs.</summary>
    public static async Task<IResult> ChooseResolutionAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<ResolutionRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var r = body.Value!;
        Dictionary<string, string[]> errors = [];
        if (r.Type is null)
        {
            errors["type"] = [$"Required: one of {string.Join(", ", Enum.GetNames<ResolutionType>())}."];
        }

        foreach (var (field, amount) in new[] { ("partCost", r.PartCost), ("replacementCost", r.ReplacementCost), ("shippingCost", r.ShippingCost), ("labelCost", r.LabelCost), ("refundAmount", r.RefundAmount), ("itemPrice", r.ItemPrice) })
        {
            if (amount is < 0 or > MaxAmount)
            {
                errors[field] = ["An amount from 0 to 1,000,000."];
            }
        }

        if (r.TrackingNumber is { Length: > 100 })
        {
            errors["trackingNumber"] = ["At most 100 characters."];
        }

        if (r.Carrier is { Length: > 100 })
        {
            errors["carrier"] = ["At most 100 characters."];
        }

        if (r.Note is { Length: > MaxTextLength })
        {
            errors["note"] = [$"At most {MaxTextLength} characters."];
        }

        var partSku = NonEmpty(r.PartSku);
        if (partSku is { Length: > SparePartsApi.MaxSkuLength })
        {
            errors["partSku"] = [$"At most {SparePartsApi.MaxSkuLength} characters."];
        }
        else if (partSku is not null && r.Type is not null and not ResolutionType.SparePart)
        {
            errors["partSku"] = [$"Only with type {ResolutionType.SparePart}."];
        }

        if (r.Type is ResolutionType.ReturnWithLabel)
        {
            // The refund of a return is the policy's to work out: price less restocking fee and any shipping the customer pays.
            if (r.ItemPrice is null)
            {
                errors.TryAdd("itemPrice", ["Required with type ReturnWithLabel: what the customer paid for the item."]);
            }

            if (r.RefundAmount is not null)
            {
                errors.TryAdd("refundAmount", ["Not with type ReturnWithLabel: the refund is worked out from itemPrice and the return policy."]);
            }
        }
        else if (r.ItemPrice is not null && r.Type is not null)
        {
            errors.TryAdd("itemPrice", [$"Only with type {ResolutionType.ReturnWithLabel}."]);
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var resolution = new Resolution(r.Type!.Value, r.PartCost ?? 0, r.ReplacementCost ?? 0, r.ShippingCost ?? 0, r.LabelCost ?? 0,
            r.RefundAmount ?? 0, NonEmpty(r.TrackingNumber), NonEmpty(r.Note), NonEmpty(r.Carrier)?.Trim(), partSku, r.ItemPrice);
        var result = await actions.As(StaffIdentity.NameOf(request)).ChooseResolutionAsync(id, resolution, workflows, cancellationToken);
        return result.Outcome switch
        {
            StaffActionOutcome.OutOfStock => Problems.OutOfStock(partSku!, [.. Enum.GetNames<ResolutionType>().Where(t => t != nameof(ResolutionType.SparePart))]),
            StaffActionOutcome.UnknownPart => Problems.Invalid("partSku", $"There is no spare part {partSku} in the catalogue."),
            _ => Answer(id, result),
        };
    }

    /// <summary>POST /api/v1/incidents/{id}/tracking: the tracking number of the spare part or replacement, emailed to the customer.</summary>
    public static async Task<IResult> PostTrackingAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<TrackingRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        Dictionary<string, string[]> errors = [];
        var tracking = NonEmpty(body.Value!.TrackingNumber);
        if (tracking is null or { Length: > 100 })
        {
            errors["trackingNumber"] = ["Required, at most 100 characters."];
        }

        var carrier = NonEmpty(body.Value.Carrier);
        if (carrier is { Length: > 100 })
        {
            errors["carrier"] = ["At most 100 characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var result = await actions.As(StaffIdentity.NameOf(request)).PostTrackingAsync(id, tracking!, carrier, workflows, cancellationToken);
        return result.Outcome == StaffActionOutcome.NothingShipped
            ? Problems.Conflict($"Incident {id} ships nothing to track: choose a {ResolutionType.SparePart} or {ResolutionType.Replacement} resolution first.")
            : Answer(id, result);
    }

    /// <summary>GET /api/v1/incidents/{id}/return-label: the return label PDF, for staff to print or send again.</summary>
    public static async Task<IResult> GetReturnLabelAsync(string id, IncidentStore store, ReturnLabels labels, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return Problems.NotFound($"There is no incident {id}.");
        }

        // The label of a return staff later changed to another resolution is no longer the customer's to use.
        if (incident.Resolution?.Return is null || await labels.ReadAsync(id, cancellationToken) is not { } label)
        {
            return Problems.NotFound($"Incident {id} has no return label: choose a {ResolutionType.ReturnWithLabel} resolution first.");
        }

        return TypedResults.File(label.Pdf, "application/pdf", $"{label.ReturnNumber}.pdf");
    }

    /// <summary>
    /// POST /api/v1/incidents/{id}/resolve: resolved; the workflow compensates (as staff chose, else by the
    /// policy), apologizes and closes.
    /// </summary>
    public static async Task<IResult> ResolveAsync(
        string id, HttpRequest request, StaffActions actions, IOptions<CompensationPolicy> policy, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        string? note = null;
        CompensationChoice? compensation = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await ApiBody.ReadAsync<ResolveRequest>(request, cancellationToken);
            if (body.Error is not null)
            {
                return body.Error;
            }

            note = NonEmpty(body.Value!.Note);
            if (note is { Length: > MaxTextLength })
            {
                return Problems.Invalid("note", $"At most {MaxTextLength} characters.");
            }

            compensation = body.Value.Compensation;
            if (compensation is not null && CompensationError(compensation, policy.Value) is { } error)
            {
                return error;
            }
        }

        return Answer(id, await actions.As(StaffIdentity.NameOf(request)).ResolveAsync(id, note, compensation, workflows, cancellationToken));
    }

    /// <summary>
    /// POST /api/v1/incidents/{id}/resume: the workflow goes on from where it stopped (a step that failed every
    /// attempt), or starts again from storage when it failed or went missing; 409 once the incident is closed.
    /// </summary>
    public static async Task<IResult> ResumeAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        (await actions.As(StaffIdentity.NameOf(request)).ResumeAsync(id, workflows, cancellationToken)) switch
        {
            { Outcome: StaffActionOutcome.NotFound } => Problems.NotFound($"There is no incident {id}."),
            { Outcome: StaffActionOutcome.NotOpen } => Problems.Conflict($"Incident {id} is closed: its workflow has finished."),
            var done => TypedResults.Json(done.Entry, ApiJson.Options, statusCode: StatusCodes.Status202Accepted),
        };

    /// <summary>Why staff's choice of compensation cannot be given, naming the field; null when it can.</summary>
    private static IResult? CompensationError(CompensationChoice choice, CompensationPolicy policy) => choice.Outcome switch
    {
        CompensationKind.Discount when choice.DiscountPercent is < 1 or > 100 =>
            Problems.Invalid("compensation.discountPercent", "A whole number from 1 to 100."),
        CompensationKind.RefundedShipping when choice.ShippingRefund is <= 0 or > MaxAmount =>
            Problems.Invalid("compensation.shippingRefund", "An amount above 0, at most 1,000,000."),
        CompensationKind.Gift when policy.FindGift(choice.Gift) is null =>
            Problems.Invalid("compensation.gift", policy.Gifts.Count == 0
                ? "The gift list (Amends:Compensation:Gifts) is empty."
                : $"One of the gift list: {string.Join(", ", policy.Gifts.Select(g => g.Name))}."),
        _ => null,
    };

    private static IResult Answer(string id, StaffActionResult result) => result.Outcome switch
    {
        StaffActionOutcome.NotFound => Problems.NotFound($"There is no incident {id}."),
        StaffActionOutcome.NotOpen => Problems.Conflict($"Incident {id} is already resolved or closed."),
        _ => TypedResults.Json(result.Entry, ApiJson.Options, statusCode: StatusCodes.Status202Accepted),
    };

    private static IResult? RequireText(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? Problems.Invalid(field, "Required.")
        : text.Length > MaxTextLength ? Problems.Invalid(field, $"At most {MaxTextLength} characters.")
        : null;

    private static TEnum? Parse<TEnum>(IQueryCollection query, string name, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (!query.TryGetValue(name, out var value))
        {
            return null;
        }

        if (Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        errors[name] = [$"One of {string.Join(", ", Enum.GetNames<TEnum>())}."];
        return null;
    }

    private static DateTimeOffset? ParseDate(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        errors[name] = ["An ISO 8601 date or date-time, e.g. 2026-11-01."];
        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
