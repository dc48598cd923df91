using Amends.Email;
using Microsoft.AspNetCore.Http;

namespace Amends.Api;

/// <summary>The local outbox over HTTP: what customers would have received on the embedded default.</summary>
public static class OutboxApi
{
    /// <summary>GET /api/v1/outbox: the emails, oldest first.</summary>
    public static IResult List(LocalOutbox outbox) => TypedResults.Json(outbox.List(), ApiJson.Options);

    /// <summary>GET /api/v1/outbox/{name}: one email as text.</summary>
    public static async Task<IResult> ReadAsync(string name, LocalOutbox outbox, CancellationToken cancellationToken) =>
        await outbox.ReadAsync(name, cancellationToken) is { } text
            ? TypedResults.Text(text, "message/rfc822; charset=utf-8")
            : Problems.NotFound($"There is no email {name} in the outbox.");
}
