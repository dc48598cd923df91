using Amends.StoreBackend;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Amends.Orders;

/// <summary>
/// Publishes, as the OpenAPI document's webhook <c>storeOrderLookup</c>, the call Amends makes to a store's own back
/// end (<see cref="StoreBackendOrders"/>), so a store can implement it: the signed GET, and the
/// <see cref="StoreOrder"/> it answers with (the same schema as an incident's order).
/// </summary>
internal sealed class StoreOrderContract : IOpenApiDocumentTransformer
{
    /// <summary>The webhook's name in the document.</summary>
    public const string Name = "storeOrderLookup";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var order = new OpenApiSchemaReference(nameof(StoreOrder), document);
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        document.Webhooks[Name] = new OpenApiPathItem
        {
            Summary = "Amends reads an order from the store's back end",
            Description =
                "With `Amends:Orders:Source` = `StoreBackend`, Amends calls `GET {Amends:Orders:StoreBackend:BaseUrl}/orders/{number}` " +
                "when an incident names an order. `number` is the customer's order number without a leading `#`, URL-encoded. " +
                "The request is signed with the refund webhook's secret (`Amends:StoreBackend:WebhookSecret`): " +
                $"`{StoreBackendWebhook.SignatureHeader}: sha256=<lower-case hex HMAC-SHA256>` over the UTF-8 text " +
                $"`<{StoreBackendWebhook.TimestampHeader}>\\nGET\\n<path and query as sent>`. Refuse a bad signature or an old timestamp with 401.",
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = Name,
                    Parameters =
                    [
                        new OpenApiParameter { Name = "number", In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Description = "The order number, without a leading #." },
                        new OpenApiParameter { Name = StoreBackendWebhook.SignatureHeader, In = ParameterLocation.Header, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Description = "`sha256=` and the hex HMAC-SHA256 of the signed text." },
                        new OpenApiParameter { Name = StoreBackendWebhook.TimestampHeader, In = ParameterLocation.Header, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Description = "When Amends sent it, Unix seconds." },
                    ],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "The order: customer, lines with SKU, name, unit price and quantity, shipping address, carrier, tracking number, shipped and delivered dates.",
                            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = order } },
                        },
                        ["404"] = new OpenApiResponse { Description = "No such order: the incident opens flagged for staff." },
                        ["401"] = new OpenApiResponse { Description = "The signature is wrong: staff are told once to check the secret; lookups wait." },
                        ["429"] = new OpenApiResponse { Description = "Too many requests; a `Retry-After` header says how long Amends waits before asking again." },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
