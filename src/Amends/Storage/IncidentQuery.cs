using Amends.Incidents;

namespace Amends.Storage;

/// <summary>Filters of the incident list. Every filter is optional; the list is open first, oldest first.</summary>
/// <param name="Status">Only incidents in this status.</param>
/// <param name="Category">Only this category.</param>
/// <param name="Responsibility">Only this responsibility.</param>
/// <param name="From">Reported at or after.</param>
/// <param name="To">Reported before.</param>
/// <param name="OrderNumber">Only this order.</param>
/// <param name="CustomerEmail">Only this customer.</param>
/// <param name="Text">Only incidents whose customer name or email, order number, description or timeline texts hold these words (any case).</param>
/// <param name="Sku">Only this product (any case).</param>
/// <param name="NeedsAttention">Only incidents that need attention (true) or that do not (false).</param>
/// <param name="LastContactBefore">
/// Only incidents whose customer last heard from us before this, listed by that time, longest silence first:
/// the ones the customer must hear from next.
/// </param>
/// <param name="AssigneeId">Only incidents assigned to this staff member.</param>
public sealed record IncidentQuery(
    IncidentStatus? Status = null,
    IncidentCategory? Category = null,
    Responsibility? Responsibility = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? OrderNumber = null,
    string? CustomerEmail = null,
    string? Text = null,
    string? Sku = null,
    bool? NeedsAttention = null,
    DateTimeOffset? LastContactBefore = null,
    string? AssigneeId = null);

/// <summary>One line of the incident queue: what staff need to pick the next incident.</summary>
/// <param name="Id">The incident number.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Category">What went wrong.</param>
/// <param name="Responsibility">Who is at fault.</param>
/// <param name="CreatedAt">When it was reported.</param>
/// <param name="OrderNumber">The order.</param>
/// <param name="CustomerName">The customer's name.</param>
/// <param name="CustomerEmail">The customer's email.</param>
/// <param name="NeedsAttention">Whether the workflow had to write to the customer itself.</param>
/// <param name="LastCustomerContactAt">When the customer last heard from us.</param>
/// <param name="Sku">The product concerned, when known.</param>
/// <param name="NextUpdateDueBy">The latest the customer hears from us next (the silence limit after the last contact); null unless open.</param>
/// <param name="AssigneeId">The staff member on it, if any.</param>
/// <param name="AssigneeName">Their name.</param>
/// <param name="Attention">Why it needs attention, when it does.</param>
public sealed record IncidentSummary(
    string Id,
    IncidentStatus Status,
    IncidentCategory Category,
    Responsibility Responsibility,
    DateTimeOffset CreatedAt,
    string OrderNumber,
    string CustomerName,
    string CustomerEmail,
    bool NeedsAttention,
    DateTimeOffset LastCustomerContactAt,
    string? Sku = null,
    DateTimeOffset? NextUpdateDueBy = null,
    string? AssigneeId = null,
    string? AssigneeName = null,
    IReadOnlyList<AttentionKind>? Attention = null);

/// <summary>A page of the incident queue.</summary>
/// <param name="Items">The incidents on this page.</param>
/// <param name="ContinuationToken">Pass back to get the next page; null on the last.</param>
public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, string? ContinuationToken);
