using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amends.Api;

/// <summary>The store HTTP API's routes, version 1. The Functions app declares the same routes as HTTP triggers.</summary>
public static class AmendsApi
{
    /// <summary>The route prefix of version 1.</summary>
    public const string Prefix = "/api/v1";

    /// <summary>
    /// Maps every route. <paramref name="staffOnly"/> protects the staff routes (the standalone
    /// server adds its API key check there); health stays open.
    /// </summary>
    public static IEndpointRouteBuilder MapAmendsApi(this IEndpointRouteBuilder app, Action<RouteGroupBuilder> staffOnly)
    {
        // The staff console's files are open; every API call they make is a staff route below.
        app.MapGet(StaffConsoleApi.Route, StaffConsoleApi.Serve).WithName("StaffConsole").WithTags("Staff console").ExcludeFromDescription();

        var api = app.MapGroup(Prefix);
        api.MapGet("/health", HealthApi.CheckAsync).WithName("Health").WithTags("Health");

        // SendGrid authenticates itself (signature or ?key=), so this route is outside the staff group.
        api.MapPost("/inbound/sendgrid", InboundEmailApi.ReceiveAsync).WithName("ReceiveInboundEmail").WithTags("Inbound email")
            .Accepts<InboundParseForm>("multipart/form-data").Produces<Inbound.InboundOutcome>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        // The store's back end authenticates itself by the webhook's shared-secret signature, so this route is outside the staff group.
        api.MapPost("/store/payment-instructions/{id}/confirmation", ReturnsApi.ConfirmPaymentAsync).WithName("ConfirmPaymentInstruction").WithTags("Store back end")
            .Accepts<PaymentConfirmationRequest>("application/json").Produces<Payments.PaymentInstruction>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

        var staff = api.MapGroup("").WithTags("Incidents");
        staffOnly(staff);
        staff.MapPost("/incidents", IncidentsApi.CreateAsync).WithName("CreateIncident")
            .Accepts<Intake.NewIncident>("application/json").Produces<IncidentView>(StatusCodes.Status201Created).ProducesValidationProblem();
        staff.MapGet("/incidents", IncidentsApi.ListAsync).WithName("ListIncidents").Produces<Storage.IncidentPage>()
            .WithQuery(
                ("status", "Open, Resolved or Closed."), ("category", "An incident category."), ("responsibility", "Unknown, Store, Carrier or Customer."),
                ("from", "Reported on or after (ISO 8601)."), ("to", "Reported before (ISO 8601)."), ("orderNumber", "One order."), ("customerEmail", "One customer."),
                ("q", "Words in the customer's name or email, the order number, the description or the timeline."), ("sku", "One product."),
                ("needsAttention", "true or false."), ("dueWithinHours", "Open incidents whose customer must hear from us within this many hours (0: overdue), soonest first."),
                ("assignee", "A staff id, or me."), ("pageSize", "1 to 200 (default 50)."), ("continuationToken", "The previous page's token, unchanged."));
        staff.MapGet("/incidents/{id}", IncidentsApi.GetAsync).WithName("GetIncident").Produces<IncidentView>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/incidents/{id}/updates", IncidentsApi.PostUpdateAsync).WithName("PostStaffUpdate").Accepts<StaffUpdateRequest>("application/json");
        staff.MapPost("/incidents/{id}/notes", IncidentsApi.AddNoteAsync).WithName("AddInternalNote").Accepts<InternalNoteRequest>("application/json");
        staff.MapPost("/incidents/{id}/diagnosis", IncidentsApi.DiagnoseAsync).WithName("Diagnose").Accepts<DiagnosisRequest>("application/json");
        staff.MapPost("/incidents/{id}/resolution", IncidentsApi.ChooseResolutionAsync).WithName("ChooseResolution").Accepts<ResolutionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict); // resolved already, or the spare part is out of stock
        staff.MapPost("/incidents/{id}/tracking", IncidentsApi.PostTrackingAsync).WithName("PostTracking").Accepts<TrackingRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict); // resolved already, or nothing shipped to track
        staff.MapPost("/incidents/{id}/sku", ProductSkuApi.SetAsync).WithName("SetProductSku").Accepts<SkuRequest>("application/json")
            .Produces<Incidents.TimelineEntry>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict); // resolved or closed
        staff.MapGet("/incidents/{id}/return-label", IncidentsApi.GetReturnLabelAsync).WithName("GetReturnLabel")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/incidents/{id}/claim", ClaimsApi.GetAsync).WithName("GetCarrierClaim").WithTags("Carrier claims")
            .Produces<Claims.ClaimView>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/incidents/{id}/claim", ClaimsApi.OpenAsync).WithName("OpenCarrierClaim").WithTags("Carrier claims")
            .Accepts<ClaimRequest>("application/json").Produces<Claims.ClaimView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict); // not the carrier's responsibility, or filed already
        staff.MapPost("/incidents/{id}/claim/status", ClaimsApi.RecordStatusAsync).WithName("RecordCarrierClaimStatus").WithTags("Carrier claims")
            .Accepts<ClaimStatusRequest>("application/json").Produces<Claims.ClaimView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict); // a step out of order
        staff.MapGet("/incidents/{id}/claim/pack", ClaimsApi.GetPackAsync).WithName("GetCarrierClaimPack").WithTags("Carrier claims")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/incidents/{id}/return/tracking", ReturnsApi.PostTrackingAsync).WithName("PostReturnTracking").WithTags("Returns")
            .Accepts<TrackingRequest>("application/json").Produces<Incidents.TimelineEntry>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict); // no return, or received already
        staff.MapPost("/incidents/{id}/return/received", ReturnsApi.MarkReceivedAsync).WithName("MarkReturnReceived").WithTags("Returns")
            .Produces<Incidents.TimelineEntry>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/incidents/{id}/return/inspection", ReturnsApi.InspectAsync).WithName("InspectReturn").WithTags("Returns")
            .Accepts<InspectionRequest>("application/json").Produces<Incidents.TimelineEntry>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict); // not received, or inspected already
        staff.MapGet("/incidents/{id}/payment-instructions", ReturnsApi.ListPaymentInstructionsAsync).WithName("ListPaymentInstructions").WithTags("Returns")
            .Produces<List<Payments.PaymentInstruction>>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/incidents/{id}/ledger", LedgerApi.GetAsync).WithName("GetIncidentLedger").WithTags("Reports")
            .Produces<IncidentLedger>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/incidents/{id}/compensation", CompensationApi.ProposeAsync).WithName("ProposeCompensation")
            .Produces<CompensationProposal>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/incidents/{id}/resolve", IncidentsApi.ResolveAsync).WithName("Resolve").Accepts<ResolveRequest>("application/json");
        staff.MapPost("/incidents/{id}/resume", IncidentsApi.ResumeAsync).WithName("ResumeWorkflow")
            .Produces<Incidents.TimelineEntry>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict); // closed: the workflow has finished
        staff.MapPost("/incidents/{id}/assign", AssignmentApi.AssignAsync).WithName("AssignIncident").Accepts<AssignRequest>("application/json")
            .Produces<Incidents.TimelineEntry>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict); // no such incident or staff member; resolved or closed
        staff.MapPost("/incidents/{id}/unassign", AssignmentApi.UnassignAsync).WithName("UnassignIncident")
            .Produces<Incidents.TimelineEntry>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/incidents/{id}/attention/dismiss", AssignmentApi.DismissAttentionAsync).WithName("DismissAttention")
            .Produces<Incidents.TimelineEntry>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapGet("/staff", StaffApi.ListAsync).WithName("ListStaff").WithTags("Staff").Produces<List<Staff.StaffMember>>();
        staff.MapPost("/staff", StaffApi.AddAsync).WithName("AddStaffMember").WithTags("Staff").Accepts<NewStaffRequest>("application/json")
            .Produces<Staff.NewStaffKey>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/staff/{id}/revoke", StaffApi.RevokeAsync).WithName("RevokeStaffMember").WithTags("Staff")
            .Produces<Staff.StaffMember>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict); // the owner's key lives in the server's configuration
        staff.MapGet("/staff/me", StaffApi.Me).WithName("WhoAmI").WithTags("Staff").Produces<Staff.StaffIdentity>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/staff/me/incidents", StaffApi.MyIncidentsAsync).WithName("MyIncidents").WithTags("Staff")
            .Produces<Storage.IncidentPage>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithQuery(("continuationToken", "The previous page's token, unchanged."));
        staff.MapGet("/incidents/{id}/status-link", StatusLinksApi.GetAsync).WithName("GetStatusLink").WithTags("Customer pages")
            .Produces<StatusLink>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/incidents/{id}/status-link/revoke", StatusLinksApi.RevokeAsync).WithName("RevokeStatusLink").WithTags("Customer pages")
            .Produces<StatusLink>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/outbox", OutboxApi.List).WithName("ListOutbox").WithTags("Outbox");
        staff.MapGet("/outbox/{name}", OutboxApi.ReadAsync).WithName("ReadOutboxEmail").WithTags("Outbox");
        staff.MapGet("/incidents/{id}/photos", PhotosApi.ListAsync).WithName("ListPhotos").WithTags("Photos").Produces<List<PhotoView>>();
        staff.MapGet("/incidents/{id}/photos/{name}", PhotosApi.ReadAsync).WithName("ReadPhoto").WithTags("Photos").ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/incidents/{id}/photos", PhotosApi.AddAsync).WithName("AddPhotos").WithTags("Photos")
            .Accepts<PhotoUploadForm>("multipart/form-data").Produces<PhotoUpload>(StatusCodes.Status201Created).ProducesValidationProblem();
        staff.MapGet("/inbound/mail/{name}", InboundEmailApi.ReadMailAsync).WithName("ReadInboundMail").WithTags("Inbound email");
        staff.MapGet("/reports/top-breakages", ReportsApi.TopBreakagesAsync).WithName("TopBreakages").WithTags("Reports")
            .Produces<Reports.Report>(StatusCodes.Status200OK, "application/json", "text/csv").ProducesValidationProblem()
            .WithQuery(("from", "First month, yyyy-MM (UTC)."), ("to", "Last month, yyyy-MM (UTC)."), ("format", "csv for a CSV download; JSON otherwise."));
        staff.MapGet("/reports/response-times", ReportsApi.ResponseTimesAsync).WithName("ResponseTimesReport").WithTags("Reports")
            .Produces<Reports.ResponseTimesReport>(StatusCodes.Status200OK, "application/json", "text/csv").ProducesValidationProblem()
            .WithQuery(("from", "First month, yyyy-MM (UTC)."), ("to", "Last month, yyyy-MM (UTC)."), ("format", "csv for a CSV download; JSON otherwise."));
        staff.MapGet("/reports/claims", ClaimsApi.ReportAsync).WithName("ClaimsReport").WithTags("Reports")
            .Produces<Claims.ClaimsReport>(StatusCodes.Status200OK, "application/json", "text/csv")
            .WithQuery(("from", "Claims opened on or after this day, yyyy-MM-dd."), ("to", "Claims opened on or before this day, yyyy-MM-dd."), ("format", "csv for a CSV download; JSON otherwise."));
        staff.MapGet("/reports/{dimension}", ReportsApi.GetAsync).WithName("GetReport").WithTags("Reports")
            .Produces<Reports.Report>(StatusCodes.Status200OK, "application/json", "text/csv").ProducesValidationProblem()
            .WithQuery(("from", "First month, yyyy-MM (UTC)."), ("to", "Last month, yyyy-MM (UTC)."), ("group", "breakage, byChoice or other: only that group's costs."), ("format", "csv for a CSV download; JSON otherwise."));
        staff.MapGet("/settings", SettingsApi.Get).WithName("GetSettings").WithTags("Settings").Produces<StoreSettings>();
        staff.MapGet("/spare-parts", SparePartsApi.ListAsync).WithName("ListSpareParts").WithTags("Spare parts")
            .Produces<List<SpareParts.SparePart>>().ProducesValidationProblem()
            .WithQuery(("sku", "Only the parts of this product."));
        staff.MapPut("/spare-parts/{partSku}", SparePartsApi.PutAsync).WithName("PutSparePart").WithTags("Spare parts")
            .Accepts<SparePartRequest>("application/json").Produces<SpareParts.SparePart>().ProducesValidationProblem();
        staff.MapGet("/discount-codes/{code}", DiscountCodesApi.GetAsync).WithName("GetDiscountCode").WithTags("Discount codes")
            .Produces<DiscountCodeView>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/discount-codes/{code}/redeem", DiscountCodesApi.RedeemAsync).WithName("RedeemDiscountCode").WithTags("Discount codes")
            .Accepts<RedeemRequest>("application/json").Produces<DiscountCodeView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict); // already redeemed, or expired
        staff.MapPost("/erasures", ErasuresApi.EraseAsync).WithName("EraseCustomer").WithTags("Erasure")
            .Accepts<Erasure.ErasureRequest>("application/json").Produces<Erasure.ErasureRecord>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable); // storage down, or a workflow did not stop in time: retry to finish
        staff.MapGet("/testimonials", TestimonialsApi.ListAsync).WithName("ListTestimonials").WithTags("Testimonials")
            .Produces<List<Satisfaction.TestimonialOffer>>().ProducesValidationProblem();
        staff.MapPost("/testimonials/{incidentId}/approve", TestimonialsApi.ApproveAsync).WithName("ApproveTestimonial").WithTags("Testimonials")
            .Produces<Satisfaction.TestimonialOffer>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/testimonials/{incidentId}/reject", TestimonialsApi.RejectAsync).WithName("RejectTestimonial").WithTags("Testimonials")
            .Produces<Satisfaction.TestimonialOffer>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/erasures", ErasuresApi.ListAsync).WithName("ListErasures").WithTags("Erasure").Produces<List<Erasure.ErasureRecord>>();

        // Customer pages (HTML): outside /api, opened by a signed token or public.
        var pages = app.MapGroup("").WithTags("Customer pages");
        pages.MapGet("/status/{token}", CustomerPagesApi.ShowStatusAsync).WithName("ShowStatus").Produces(StatusCodes.Status200OK, contentType: "text/html");
        pages.MapPost("/status/{token}", CustomerPagesApi.PostStatusMessageAsync).WithName("PostStatusMessage")
            .Produces(StatusCodes.Status303SeeOther).Produces(StatusCodes.Status400BadRequest, contentType: "text/html");
        pages.MapGet("/satisfaction/{token}", CustomerPagesApi.ShowSatisfactionAsync).WithName("ShowSatisfaction").Produces(StatusCodes.Status200OK, contentType: "text/html");
        pages.MapPost("/satisfaction/{token}", CustomerPagesApi.CommentOnSatisfactionAsync).WithName("CommentOnSatisfaction").Produces(StatusCodes.Status200OK, contentType: "text/html");
        pages.MapGet("/policy", CustomerPagesApi.ShowReturnPolicyAsync).WithName("ShowReturnPolicy").Produces(StatusCodes.Status200OK, contentType: "text/html");
        pages.MapGet("/report", ReportApi.Show).WithName("ShowReportForm").Produces(StatusCodes.Status200OK, contentType: "text/html")
            .WithQuery(("lang", "en, it, pl, nb or de."), ("order", "Order number, prefilled."), ("email", "Email, prefilled."), ("sig", "The store's HMAC of order and email."));
        pages.MapPost("/report", ReportApi.PostAsync).WithName("PostReport")
            .Produces(StatusCodes.Status303SeeOther).Produces(StatusCodes.Status400BadRequest, contentType: "text/html")
            .Produces(StatusCodes.Status413PayloadTooLarge, contentType: "text/html").Produces(StatusCodes.Status429TooManyRequests, contentType: "text/html");
        return app;
    }
}
