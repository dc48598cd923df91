using System.Text.Json;
using Amends.Payments;
using Amends.Returns;
using Amends.Storage;
using Amends.StoreBackend;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Amends.Api;

/// <summary>
/// The return's staff routes (tracking, received, inspection), an incident's payment instructions, and the
/// store's signed confirmation that it paid one. Both hosts call these same methods.
/// </summary>
public static class ReturnsApi
{
    private const int MaxReasonLength = 1_000;
    private const int MaxConfirmationBytes = 16 * 1024;

    /// <summary>POST /api/v1/incidents/{id}/return/tracking: the return parcel's tracking number; the reminder stops.</summary>
    public static async Task<IResult> PostTrackingAsync(string id, HttpRequest request, ReturnActions actions, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<TrackingRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var tracking = body.Value!.TrackingNumber?.Trim();
        if (string.IsNullOrEmpty(tracking) || tracking.Length > 100)
        {
            return Problems.Invalid("trackingNumber", "Required, at most 100 characters.");
        }

        var carrier = string.IsNullOrWhiteSpace(body.Value.Carrier) ? null : body.Value.Carrier.Trim();
        if (carrier is { Length: > 100 })
        {
            return Problems.Invalid("carrier", "At most 100 characters.");
        }

        return Answer(id, await actions.PostTrackingAsync(id, tracking, carrier, workflows, cancellationToken));
    }

    /// <summary>POST /api/v1/incidents/{id}/return/received: the parcel arrived; the customer is told.</summary>
    public static async Task<IResult> MarkReceivedAsync(string id, ReturnActions actions, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        Answer(id, await actions.MarkReceivedAsync(id, workflows, cancellationToken));

    /// <summary>POST /api/v1/incidents/{id}/return/inspection: the condition found and the refund to request (the policy's unless staff give one, with a reason).</summary>
    public static async Task<IResult> InspectAsync(string id, HttpRequest request, ReturnActions actions, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync<InspectionRequest>(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var inspection = body.Value!;
        Dictionary<string, string[]> errors = [];
        if (inspection.Condition is null)
        {
            errors["condition"] = [$"Required: one of {string.Join(", ", Enum.GetNames<ReturnCondition>())}."];
        }

        if (inspection.RefundAmount is < 0)
        {
            errors["refundAmount"] = ["An amount of 0 or more, at most the item price."];
        }

        var reason = string.IsNullOrWhiteSpace(inspection.Reason) ? null : inspection.Reason.Trim();
        if (inspection.RefundAmount is not null && reason is null)
        {
            errors["reason"] = ["Required when the refund is not the policy's: why it changed."];
        }
        else if (reason is { Length: > MaxReasonLength })
        {
            errors["reason"] = [$"At most {MaxReasonLength} characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        return Answer(id, await actions.InspectAsync(id, inspection.Condition!.Value, inspection.RefundAmount, reason, workflows, cancellationToken));
    }

    /// <summary>GET /api/v1/incidents/{id}/payment-instructions: what the store was asked to pay, with where each stands.</summary>
    public static async Task<IResult> ListPaymentInstructionsAsync(string id, IncidentStore store, PaymentInstructions instructions, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is null
            ? Problems.NotFound($"There is no incident {id}.")
            : TypedResults.Json(await instructions.ForIncidentAsync(id, cancellationToken), ApiJson.Options);

    /// <summary>
    /// POST /api/v1/store/payment-instructions/{id}/confirmation: the store paid instruction <paramref name="id"/>. Signed
    /// like the webhook (<c>X-Amends-Signature: sha256=</c> HMAC of the raw body with the shared secret); a wrong signature
    /// answers 401 and an unknown instruction 404, both changing nothing. Repeating it is harmless.
    /// </summary>
    public static async Task<IResult> ConfirmPaymentAsync(
        string id, HttpRequest request, PaymentConfirmations confirmations, IOptions<StoreBackendOptions> storeBackend, DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxConfirmationBytes)
        {
            return Problems.TooLarge(MaxConfirmationBytes);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var raw = buffer.ToArray();
        var secret = storeBackend.Value.WebhookSecret;
        if (raw.Length > MaxConfirmationBytes)
        {
            return Problems.TooLarge(MaxConfirmationBytes);
        }

        // No secret configured: nothing the store sends can be trusted.
        if (string.IsNullOrEmpty(secret) || !StoreBackendWebhook.Verify(secret, raw, request.Headers[StoreBackendWebhook.SignatureHeader]))
        {
            return Problems.NotAuthenticated(
                $"Sign the raw body with the shared webhook secret: {StoreBackendWebhook.SignatureHeader}: sha256=<lower-case hex HMAC-SHA256>.");
        }

        PaymentConfirmationRequest? confirmation = null;
        if (raw.Length > 0)
        {
            try
            {
                confirmation = JsonSerializer.Deserialize<PaymentConfirmationRequest>(raw, ApiJson.Options);
            }
            catch (JsonException)
            {
                return Problems.Invalid("body", "A JSON object, e.g. {\"storeReference\":\"R-1001\"}, or no body.");
            }
        }

        var reference = string.IsNullOrWhiteSpace(confirmation?.StoreReference) ? null : confirmation.StoreReference.Trim();
        if (reference is { Length: > 200 })
        {
            return Problems.Invalid("storeReference", "At most 200 characters.");
        }

        return await confirmations.ConfirmAsync(id, reference, workflows, cancellationToken) is { } confirmed
            ? TypedResults.Json(confirmed, ApiJson.Options)
            : Problems.NotFound($"There is no payment instruction {id}.");
    }

    private static IResult Answer(string id, ReturnActionResult result) => result.Outcome switch
    {
        ReturnActionOutcome.NotFound => Problems.NotFound($"There is no incident {id}."),
        ReturnActionOutcome.NotOpen => Problems.Conflict($"Incident {id} is already resolved or closed."),
        ReturnActionOutcome.NoReturn => Problems.Conflict($"Incident {id} has no return: choose a ReturnWithLabel resolution first."),
        ReturnActionOutcome.AlreadyReceived => Problems.Conflict($"The return of incident {id} was already received."),
        ReturnActionOutcome.NotReceived => Problems.Conflict($"The return of incident {id} has not arrived: mark it received before inspecting it."),
        ReturnActionOutcome.AlreadyInspected => Problems.Conflict($"The return of incident {id} was already inspected."),
        ReturnActionOutcome.RefundAboveItemPrice => Problems.Invalid("refundAmount", "At most the item price the customer paid."),
        _ => TypedResults.Json(result.Entry, ApiJson.Options, statusCode: StatusCodes.Status202Accepted),
    };
}

/// <summary>What staff found when they inspected a returned parcel.</summary>
/// <param name="Condition">As new, damaged or parts missing.</param>
/// <param name="RefundAmount">Optional: the refund to request instead of the policy's (0 to the item price).</param>
/// <param name="Reason">Why the refund differs from the policy's; required with <paramref name="RefundAmount"/>.</param>
public sealed record InspectionRequest(ReturnCondition? Condition, decimal? RefundAmount, string? Reason);

/// <summary>The store's confirmation that it paid an instruction.</summary>
/// <param name="StoreReference">Optional: the store's own reference for the payment.</param>
public sealed record PaymentConfirmationRequest(string? StoreReference);
