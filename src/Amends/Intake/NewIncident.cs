using Amends.Email;
using Amends.Incidents;

namespace Amends.Intake;

/// <summary>A problem with an order, as the store (or its "report a problem" form) sends it.</summary>
/// <param name="CustomerEmail">Where we write to the customer.</param>
/// <param name="CustomerName">How we greet them.</param>
/// <param name="Language">Their language (en, it, pl, nb…); English when unknown.</param>
/// <param name="OrderNumber">The store's order number.</param>
/// <param name="Description">What went wrong, in the customer's words.</param>
/// <param name="Category">A first guess of what went wrong, if the form asked.</param>
/// <param name="Sku">The product concerned, if known.</param>
public sealed record NewIncident(
    string? CustomerEmail,
    string? CustomerName,
    string? Language,
    string? OrderNumber,
    string? Description,
    IncidentCategory? Category = null,
    string? Sku = null)
{
    /// <summary>The longest description we take.</summary>
    public const int MaxDescriptionLength = 10_000;

    /// <summary>The longest order number we take.</summary>
    public const int MaxOrderNumberLength = 100;

    /// <summary>What is wrong with this request, by field name (camelCase, as in the JSON); empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Validate() => Validate(orderLookup: false);

    /// <summary>
    /// What is wrong with this request; with <paramref name="orderLookup"/> (the store's orders can be read), the
    /// customer and the description may be left out, for the order to fill (see <see cref="WithCustomerOf"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Validate(bool orderLookup)
    {
        Dictionary<string, string[]> errors = [];
        var fromOrder = orderLookup && string.IsNullOrWhiteSpace(CustomerEmail) && string.IsNullOrWhiteSpace(CustomerName);
        if (!fromOrder && !EmailAddresses.IsMailbox(CustomerEmail))
        {
            errors["customerEmail"] = [EmailAddresses.Requirement];
        }

        if (!fromOrder)
        {
            Require(errors, "customerName", CustomerName, 200);
        }

        Require(errors, "orderNumber", OrderNumber, MaxOrderNumberLength);
        if (!orderLookup || Description is not null)
        {
            Require(errors, "description", Description, MaxDescriptionLength);
        }
        if (Language is { Length: > 35 })
        {
            errors["language"] = ["Use a language tag such as en, it, pl or nb."];
        }

        if (Sku is { Length: > 100 })
        {
            errors["sku"] = ["At most 100 characters."];
        }

        if (Category is { } category && !Enum.IsDefined(category))
        {
            errors["category"] = ["Unknown category."];
        }

        return errors;
    }

    /// <summary>The request with the customer the store's order names, when the caller left the customer out.</summary>
    public NewIncident WithCustomerOf(Orders.StoreOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var name = order.Customer.Name ?? order.ShippingAddress?.Name;
        return this with
        {
            CustomerEmail = string.IsNullOrWhiteSpace(CustomerEmail) ? order.Customer.Email : CustomerEmail,
            CustomerName = string.IsNullOrWhiteSpace(CustomerName) ? (string.IsNullOrWhiteSpace(name) ? order.Customer.Email : name) : CustomerName,
            Description = Description ?? "",
        };
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
        }
        else if (value.Length > maxLength)
        {
            errors[field] = [$"At most {maxLength} characters."];
        }
    }
}
