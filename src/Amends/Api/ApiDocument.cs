using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Amends.Api;

/// <summary>The API's OpenAPI document (served at <c>/api/v1/openapi.json</c> and kept as <c>docs/openapi.json</c>).</summary>
public static class ApiDocument
{
    /// <summary>Adds the document's generator, with the rules that make it say what the server really writes.</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(openApi => openApi.AddSchemaTransformer<ComputedPropertiesRequired>().AddDocumentTransformer<Orders.StoreOrderContract>());

    /// <summary>
    /// Documents the query parameters a handler reads from the request itself (filters, ranges, CSV),
    /// which the generator cannot see: each as an optional string with what it takes.
    /// </summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder route, params (string Name, string Description)[] parameters) =>
        route.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, description) in parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Description = description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            return Task.CompletedTask;
        });
}

/// <summary>
/// Marks a record's computed, non-nullable properties (a report row's net cost, a spare part's low-stock
/// flag) as required in the OpenAPI document: the server always writes them, but the generator only
/// counts constructor parameters, so clients generated from the document would treat them as optional.
/// </summary>
internal sealed class ComputedPropertiesRequired : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.Set is null && !property.IsGetNullable && Nullable.GetUnderlyingType(property.PropertyType) is null
                && schema.Properties.ContainsKey(property.Name))
            {
                schema.Required ??= new HashSet<string>();
                schema.Required.Add(property.Name);
            }
        }

        return Task.CompletedTask;
    }
}
