using Amends.Email;

namespace Amends.Erasure;

/// <summary>A customer's request to be forgotten, as staff file it.</summary>
/// <param name="CustomerEmail">The customer's email address: one mailbox, as their incidents carry it.</param>
/// <param name="RequestedBy">Who on the staff carries out the request (a name or staff id), for the erasure record.</param>
public sealed record ErasureRequest(string? CustomerEmail, string? RequestedBy)
{
    /// <summary>What is wrong with this request, by field name (camelCase, as in the JSON); empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        Dictionary<string, string[]> errors = [];
        if (Address() is null)
        {
            errors["customerEmail"] = [EmailAddresses.Requirement];
        }

        if (string.IsNullOrWhiteSpace(RequestedBy))
        {
            errors["requestedBy"] = ["Required: who carries out the erasure."];
        }
        else if (RequestedBy.Length > 200)
        {
            errors["requestedBy"] = ["At most 200 characters."];
        }

        return errors;
    }

    /// <summary>The one address in <see cref="CustomerEmail"/>, or null when it is not exactly one plain mailbox.</summary>
    public string? Address() => EmailAddresses.Parse(CustomerEmail);
}
