using Amends.Api;
using Amends.Claims;
using Amends.Compensate;
using Amends.CustomerPages;
using Amends.Email;
using Amends.Erasure;
using Amends.Inbound;
using Amends.Intake;
using Amends.Money;
using Amends.Payments;
using Amends.Photos;
using Amends.Reports;
using Amends.Resolve;
using Amends.Returns;
using Amends.Satisfaction;
using Amends.SpareParts;
using Amends.Staff;
using Amends.Storage;
using Amends.StoreBackend;
using Amends.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Functions.Api;

/// <summary>
/// The store API's handlers (the static methods of <see cref="Amends.Api"/> that the standalone server
/// maps) behind one interface, one member per route, named like the server's endpoint and the
/// function. Triggers call through it so their tests can fake the handler and check what they pass.
/// </summary>
public interface IApiHandlers
{
    Task<IResult> HealthAsync(DurableTaskClient workflows, StorageAccount storage, CancellationToken cancellationToken);

    Task<IResult> CreateIncidentAsync(HttpRequest request, IncidentIntake intake, IOptions<SilenceOptions> silence, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> ListIncidentsAsync(HttpRequest request, IncidentStore store, IOptions<SilenceOptions> silence, TimeProvider clock, CancellationToken cancellationToken);

    Task<IResult> GetIncidentAsync(string id, IncidentStore store, IOptions<SilenceOptions> silence, CancellationToken cancellationToken);

    Task<IResult> PostStaffUpdateAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> AddInternalNoteAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken);

    Task<IResult> DiagnoseAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken);

    Task<IResult> ChooseResolutionAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> ResolveAsync(
        string id, HttpRequest request, StaffActions actions, IOptions<CompensationPolicy> policy, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> ResumeWorkflowAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> PostTrackingAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> SetProductSkuAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken);

    Task<IResult> GetReturnLabelAsync(string id, IncidentStore store, ReturnLabels labels, CancellationToken cancellationToken);

    IResult ListOutbox(LocalOutbox outbox);

    Task<IResult> ReadOutboxEmailAsync(string name, LocalOutbox outbox, CancellationToken cancellationToken);

    Task<IResult> ListPhotosAsync(string id, IncidentStore store, IncidentPhotos photos, CancellationToken cancellationToken);

    Task<IResult> ReadPhotoAsync(string id, string name, HttpResponse response, IncidentPhotos photos, CancellationToken cancellationToken);

    Task<IResult> AddPhotosAsync(
        string id, HttpRequest request, IncidentStore store, PhotoChecks checks, IncidentPhotos photos, StaffActions staff,
        IOptions<PhotoOptions> options, TimeProvider clock, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> ReceiveInboundEmailAsync(
        HttpRequest request, InboundMailbox mailbox, InboundAuthentication authentication, IOptions<InboundOptions> options,
        InboundCapacity capacity, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> ReadInboundMailAsync(string name, MailArchive archive, CancellationToken cancellationToken);

    Task<IResult> GetReportAsync(
        string dimension, HttpRequest request, CostReports reports, ResponseTimes responseTimes, SatisfactionSurvey satisfaction, CancellationToken cancellationToken);

    Task<IResult> TopBreakagesAsync(HttpRequest request, CostReports reports, CancellationToken cancellationToken);

    Task<IResult> ResponseTimesAsync(HttpRequest request, ResponseTimes responseTimes, CancellationToken cancellationToken);

    Task<IResult> ListSparePartsAsync(HttpRequest request, SpareStock stock, CancellationToken cancellationToken);

    Task<IResult> PutSparePartAsync(string partSku, HttpRequest request, SpareStock stock, CancellationToken cancellationToken);

    Task<IResult> GetDiscountCodeAsync(string code, DiscountCodes codes, CancellationToken cancellationToken);

    Task<IResult> RedeemDiscountCodeAsync(string code, HttpRequest request, DiscountCodes codes, TimeProvider clock, CancellationToken cancellationToken);

    Task<IResult> ProposeCompensationAsync(string id, IncidentStore store, IOptions<CompensationPolicy> policy, TimeProvider clock, CancellationToken cancellationToken);

    Task<IResult> GetCarrierClaimAsync(string id, IncidentStore store, CarrierClaims claims, CancellationToken cancellationToken);

    Task<IResult> OpenCarrierClaimAsync(string id, HttpRequest request, IncidentStore store, CarrierClaims claims, TimeProvider clock, CancellationToken cancellationToken);

    Task<IResult> RecordCarrierClaimStatusAsync(string id, HttpRequest request, CarrierClaims claims, TimeProvider clock, CancellationToken cancellationToken);

    Task<IResult> GetCarrierClaimPackAsync(string id, IncidentStore store, CarrierClaims claims, ClaimPack pack, CancellationToken cancellationToken);

    Task<IResult> ClaimsReportAsync(HttpRequest request, CarrierClaims claims, CancellationToken cancellationToken);

    IResult StaffConsole(string? path, HttpContext context);
    Task<IResult> GetStatusLinkAsync(string id, IncidentStore store, CustomerLinks.CustomerLinks links, CancellationToken cancellationToken);

    Task<IResult> RevokeStatusLinkAsync(string id, IncidentStore store, CustomerLinks.CustomerLinks links, CancellationToken cancellationToken);

    Task<IResult> ShowStatusAsync(string token, HttpRequest request, StatusPage page, CancellationToken cancellationToken);

    Task<IResult> PostStatusMessageAsync(string token, HttpRequest request, StatusPage page, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> ShowSatisfactionAsync(string token, HttpRequest request, SatisfactionPage page, CancellationToken cancellationToken);

    Task<IResult> CommentOnSatisfactionAsync(string token, HttpRequest request, SatisfactionPage page, CancellationToken cancellationToken);

    Task<IResult> ShowReturnPolicyAsync(HttpRequest request, PolicyPage page, CancellationToken cancellationToken);

    Task<IResult> EraseCustomerAsync(HttpRequest request, CustomerErasure erasure, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> ListErasuresAsync(ErasureLog log, CancellationToken cancellationToken);

    Task<IResult> ListTestimonialsAsync(HttpRequest request, SatisfactionSurvey survey, CancellationToken cancellationToken);

    Task<IResult> ApproveTestimonialAsync(string incidentId, HttpRequest request, SatisfactionSurvey survey, CancellationToken cancellationToken);

    Task<IResult> RejectTestimonialAsync(string incidentId, HttpRequest request, SatisfactionSurvey survey, CancellationToken cancellationToken);

    IResult GetSettings(IOptions<StoreCurrency> currency);
    Task<IResult> PostReturnTrackingAsync(string id, HttpRequest request, ReturnActions actions, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> MarkReturnReceivedAsync(string id, ReturnActions actions, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> InspectReturnAsync(string id, HttpRequest request, ReturnActions actions, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> ListPaymentInstructionsAsync(string id, IncidentStore store, PaymentInstructions instructions, CancellationToken cancellationToken);

    Task<IResult> ConfirmPaymentInstructionAsync(
        string id, HttpRequest request, PaymentConfirmations confirmations, IOptions<StoreBackendOptions> storeBackend, DurableTaskClient workflows, CancellationToken cancellationToken);

    Task<IResult> AssignIncidentAsync(string id, HttpRequest request, StaffActions actions, StaffDirectory directory, CancellationToken cancellationToken);

    Task<IResult> UnassignIncidentAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken);

    Task<IResult> DismissAttentionAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken);

    Task<IResult> ListStaffAsync(StaffDirectory directory, CancellationToken cancellationToken);

    Task<IResult> AddStaffMemberAsync(HttpRequest request, StaffDirectory directory, CancellationToken cancellationToken);

    Task<IResult> RevokeStaffMemberAsync(string id, HttpRequest request, StaffDirectory directory, CancellationToken cancellationToken);

    IResult WhoAmI(HttpRequest request);

    Task<IResult> MyIncidentsAsync(HttpRequest request, IncidentStore store, CancellationToken cancellationToken);
}

/// <summary>Each member is exactly the server's handler for the same route.</summary>
public sealed class ApiHandlers : IApiHandlers
{
    public Task<IResult> HealthAsync(DurableTaskClient workflows, StorageAccount storage, CancellationToken cancellationToken) =>
        HealthApi.CheckAsync(workflows, storage, cancellationToken);

    public Task<IResult> CreateIncidentAsync(HttpRequest request, IncidentIntake intake, IOptions<SilenceOptions> silence, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        IncidentsApi.CreateAsync(request, intake, silence, workflows, cancellationToken);

    public Task<IResult> ListIncidentsAsync(HttpRequest request, IncidentStore store, IOptions<SilenceOptions> silence, TimeProvider clock, CancellationToken cancellationToken) =>
        IncidentsApi.ListAsync(request, store, silence, clock, cancellationToken);

    public Task<IResult> GetIncidentAsync(string id, IncidentStore store, IOptions<SilenceOptions> silence, CancellationToken cancellationToken) =>
        IncidentsApi.GetAsync(id, store, silence, cancellationToken);

    public Task<IResult> PostStaffUpdateAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        IncidentsApi.PostUpdateAsync(id, request, actions, workflows, cancellationToken);

    public Task<IResult> AddInternalNoteAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken) =>
        IncidentsApi.AddNoteAsync(id, request, actions, cancellationToken);

    public Task<IResult> DiagnoseAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken) =>
        IncidentsApi.DiagnoseAsync(id, request, actions, cancellationToken);

    public Task<IResult> ChooseResolutionAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        IncidentsApi.ChooseResolutionAsync(id, request, actions, workflows, cancellationToken);

    public Task<IResult> ResolveAsync(
        string id, HttpRequest request, StaffActions actions, IOptions<CompensationPolicy> policy, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        IncidentsApi.ResolveAsync(id, request, actions, policy, workflows, cancellationToken);

    public Task<IResult> ResumeWorkflowAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        IncidentsApi.ResumeAsync(id, request, actions, workflows, cancellationToken);

    public Task<IResult> PostTrackingAsync(string id, HttpRequest request, StaffActions actions, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        IncidentsApi.PostTrackingAsync(id, request, actions, workflows, cancellationToken);

    public Task<IResult> SetProductSkuAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken) =>
        ProductSkuApi.SetAsync(id, request, actions, cancellationToken);

    public Task<IResult> GetReturnLabelAsync(string id, IncidentStore store, ReturnLabels labels, CancellationToken cancellationToken) =>
        IncidentsApi.GetReturnLabelAsync(id, store, labels, cancellationToken);

    public IResult ListOutbox(LocalOutbox outbox) => OutboxApi.List(outbox);

    public Task<IResult> ReadOutboxEmailAsync(string name, LocalOutbox outbox, CancellationToken cancellationToken) =>
        OutboxApi.ReadAsync(name, outbox, cancellationToken);

    public Task<IResult> ListPhotosAsync(string id, IncidentStore store, IncidentPhotos photos, CancellationToken cancellationToken) =>
        PhotosApi.ListAsync(id, store, photos, cancellationToken);

    public Task<IResult> ReadPhotoAsync(string id, string name, HttpResponse response, IncidentPhotos photos, CancellationToken cancellationToken) =>
        PhotosApi.ReadAsync(id, name, response, photos, cancellationToken);

    public Task<IResult> AddPhotosAsync(
        string id, HttpRequest request, IncidentStore store, PhotoChecks checks, IncidentPhotos photos, StaffActions staff,
        IOptions<PhotoOptions> options, TimeProvider clock, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        PhotosApi.AddAsync(id, request, store, checks, photos, staff, options, clock, workflows, cancellationToken);

    public Task<IResult> ReceiveInboundEmailAsync(
        HttpRequest request, InboundMailbox mailbox, InboundAuthentication authentication, IOptions<InboundOptions> options,
        InboundCapacity capacity, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        InboundEmailApi.ReceiveAsync(request, mailbox, authentication, options, capacity, workflows, cancellationToken);

    public Task<IResult> ReadInboundMailAsync(string name, MailArchive archive, CancellationToken cancellationToken) =>
        InboundEmailApi.ReadMailAsync(name, archive, cancellationToken);

    public Task<IResult> GetReportAsync(
        string dimension, HttpRequest request, CostReports reports, ResponseTimes responseTimes, SatisfactionSurvey satisfaction, CancellationToken cancellationToken) =>
        ReportsApi.GetAsync(dimension, request, reports, responseTimes, satisfaction, cancellationToken);

    public Task<IResult> TopBreakagesAsync(HttpRequest request, CostReports reports, CancellationToken cancellationToken) =>
        ReportsApi.TopBreakagesAsync(request, reports, cancellationToken);

    public Task<IResult> ResponseTimesAsync(HttpRequest request, ResponseTimes responseTimes, CancellationToken cancellationToken) =>
        ReportsApi.ResponseTimesAsync(request, responseTimes, cancellationToken);

    public Task<IResult> ListSparePartsAsync(HttpRequest request, SpareStock stock, CancellationToken cancellationToken) =>
        SparePartsApi.ListAsync(request, stock, cancellationToken);

    public Task<IResult> PutSparePartAsync(string partSku, HttpRequest request, SpareStock stock, CancellationToken cancellationToken) =>
        SparePartsApi.PutAsync(partSku, request, stock, cancellationToken);

    public Task<IResult> GetDiscountCodeAsync(string code, DiscountCodes codes, CancellationToken cancellationToken) =>
        DiscountCodesApi.GetAsync(code, codes, cancellationToken);

    public Task<IResult> RedeemDiscountCodeAsync(string code, HttpRequest request, DiscountCodes codes, TimeProvider clock, CancellationToken cancellationToken) =>
        DiscountCodesApi.RedeemAsync(code, request, codes, clock, cancellationToken);

    public Task<IResult> ProposeCompensationAsync(string id, IncidentStore store, IOptions<CompensationPolicy> policy, TimeProvider clock, CancellationToken cancellationToken) =>
        CompensationApi.ProposeAsync(id, store, policy, clock, cancellationToken);

    public Task<IResult> GetCarrierClaimAsync(string id, IncidentStore store, CarrierClaims claims, CancellationToken cancellationToken) =>
        ClaimsApi.GetAsync(id, store, claims, cancellationToken);

    public Task<IResult> OpenCarrierClaimAsync(string id, HttpRequest request, IncidentStore store, CarrierClaims claims, TimeProvider clock, CancellationToken cancellationToken) =>
        ClaimsApi.OpenAsync(id, request, store, claims, clock, cancellationToken);

    public Task<IResult> RecordCarrierClaimStatusAsync(string id, HttpRequest request, CarrierClaims claims, TimeProvider clock, CancellationToken cancellationToken) =>
        ClaimsApi.RecordStatusAsync(id, request, claims, clock, cancellationToken);

    public Task<IResult> GetCarrierClaimPackAsync(string id, IncidentStore store, CarrierClaims claims, ClaimPack pack, CancellationToken cancellationToken) =>
        ClaimsApi.GetPackAsync(id, store, claims, pack, cancellationToken);

    public Task<IResult> ClaimsReportAsync(HttpRequest request, CarrierClaims claims, CancellationToken cancellationToken) =>
        ClaimsApi.ReportAsync(request, claims, cancellationToken);

    public IResult StaffConsole(string? path, HttpContext context) =>
        StaffConsoleApi.Serve(path, context);

    public Task<IResult> GetStatusLinkAsync(string id, IncidentStore store, CustomerLinks.CustomerLinks links, CancellationToken cancellationToken) =>
        StatusLinksApi.GetAsync(id, store, links, cancellationToken);

    public Task<IResult> RevokeStatusLinkAsync(string id, IncidentStore store, CustomerLinks.CustomerLinks links, CancellationToken cancellationToken) =>
        StatusLinksApi.RevokeAsync(id, store, links, cancellationToken);

    public Task<IResult> ShowStatusAsync(string token, HttpRequest request, StatusPage page, CancellationToken cancellationToken) =>
        CustomerPagesApi.ShowStatusAsync(token, request, page, cancellationToken);

    public Task<IResult> PostStatusMessageAsync(string token, HttpRequest request, StatusPage page, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        CustomerPagesApi.PostStatusMessageAsync(token, request, page, workflows, cancellationToken);

    public Task<IResult> ShowSatisfactionAsync(string token, HttpRequest request, SatisfactionPage page, CancellationToken cancellationToken) =>
        CustomerPagesApi.ShowSatisfactionAsync(token, request, page, cancellationToken);

    public Task<IResult> CommentOnSatisfactionAsync(string token, HttpRequest request, SatisfactionPage page, CancellationToken cancellationToken) =>
        CustomerPagesApi.CommentOnSatisfactionAsync(token, request, page, cancellationToken);

    public Task<IResult> ShowReturnPolicyAsync(HttpRequest request, PolicyPage page, CancellationToken cancellationToken) =>
        CustomerPagesApi.ShowReturnPolicyAsync(request, page, cancellationToken);

    public Task<IResult> EraseCustomerAsync(HttpRequest request, CustomerErasure erasure, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        ErasuresApi.EraseAsync(request, erasure, workflows, cancellationToken);

    public Task<IResult> ListErasuresAsync(ErasureLog log, CancellationToken cancellationToken) =>
        ErasuresApi.ListAsync(log, cancellationToken);

    public Task<IResult> ListTestimonialsAsync(HttpRequest request, SatisfactionSurvey survey, CancellationToken cancellationToken) =>
        TestimonialsApi.ListAsync(request, survey, cancellationToken);

    public Task<IResult> ApproveTestimonialAsync(string incidentId, HttpRequest request, SatisfactionSurvey survey, CancellationToken cancellationToken) =>
        TestimonialsApi.ApproveAsync(incidentId, request, survey, cancellationToken);

    public Task<IResult> RejectTestimonialAsync(string incidentId, HttpRequest request, SatisfactionSurvey survey, CancellationToken cancellationToken) =>
        TestimonialsApi.RejectAsync(incidentId, request, survey, cancellationToken);

    public IResult GetSettings(IOptions<StoreCurrency> currency) => SettingsApi.Get(currency);
    public Task<IResult> PostReturnTrackingAsync(string id, HttpRequest request, ReturnActions actions, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        ReturnsApi.PostTrackingAsync(id, request, actions, workflows, cancellationToken);

    public Task<IResult> MarkReturnReceivedAsync(string id, ReturnActions actions, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        ReturnsApi.MarkReceivedAsync(id, actions, workflows, cancellationToken);

    public Task<IResult> InspectReturnAsync(string id, HttpRequest request, ReturnActions actions, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        ReturnsApi.InspectAsync(id, request, actions, workflows, cancellationToken);

    public Task<IResult> ListPaymentInstructionsAsync(string id, IncidentStore store, PaymentInstructions instructions, CancellationToken cancellationToken) =>
        ReturnsApi.ListPaymentInstructionsAsync(id, store, instructions, cancellationToken);

    public Task<IResult> ConfirmPaymentInstructionAsync(
        string id, HttpRequest request, PaymentConfirmations confirmations, IOptions<StoreBackendOptions> storeBackend, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        ReturnsApi.ConfirmPaymentAsync(id, request, confirmations, storeBackend, workflows, cancellationToken);

    public Task<IResult> AssignIncidentAsync(string id, HttpRequest request, StaffActions actions, StaffDirectory directory, CancellationToken cancellationToken) =>
        AssignmentApi.AssignAsync(id, request, actions, directory, cancellationToken);

    public Task<IResult> UnassignIncidentAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken) =>
        AssignmentApi.UnassignAsync(id, request, actions, cancellationToken);

    public Task<IResult> DismissAttentionAsync(string id, HttpRequest request, StaffActions actions, CancellationToken cancellationToken) =>
        AssignmentApi.DismissAttentionAsync(id, request, actions, cancellationToken);

    public Task<IResult> ListStaffAsync(StaffDirectory directory, CancellationToken cancellationToken) =>
        StaffApi.ListAsync(directory, cancellationToken);

    public Task<IResult> AddStaffMemberAsync(HttpRequest request, StaffDirectory directory, CancellationToken cancellationToken) =>
        StaffApi.AddAsync(request, directory, cancellationToken);

    public Task<IResult> RevokeStaffMemberAsync(string id, HttpRequest request, StaffDirectory directory, CancellationToken cancellationToken) =>
        StaffApi.RevokeAsync(id, request, directory, cancellationToken);

    public IResult WhoAmI(HttpRequest request) => StaffApi.Me(request);

    public Task<IResult> MyIncidentsAsync(HttpRequest request, IncidentStore store, CancellationToken cancellationToken) =>
        StaffApi.MyIncidentsAsync(request, store, cancellationToken);
}
