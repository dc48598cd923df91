using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Amends.Staff;

/// <summary>
/// Who sends a staff request, as the host's sign-in found them (the server's key check, or App Service
/// Authentication or a function key in Azure). Hosts put it on the request as its user; handlers read it back.
/// </summary>
/// <param name="Id">The member's id.</param>
/// <param name="Name">The member's name, written on the timeline.</param>
/// <param name="Admin">Whether they may manage staff accounts.</param>
public sealed record StaffIdentity(string Id, string Name, bool Admin)
{
    /// <summary>The author of staff entries when no one signed in by name (e.g. a handler called directly).</summary>
    public const string Unnamed = "staff";

    private const string AuthenticationType = "Amends staff";
    private const string AdminRole = "admin";

    /// <summary>The identity of <paramref name="member"/>.</summary>
    public static StaffIdentity Of(StaffMember member) => new(member.Id, member.Name, member.Admin);

    /// <summary>The identity the host put on <paramref name="context"/>, or null.</summary>
    public static StaffIdentity? Of(HttpContext context)
    {
        var user = context.User;
        return user.Identity is { IsAuthenticated: true, AuthenticationType: AuthenticationType } && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? new StaffIdentity(id, user.FindFirstValue(ClaimTypes.Name) ?? id, user.IsInRole(AdminRole))
            : null;
    }

    /// <summary>The name to write on the timeline for <paramref name="request"/>'s sender.</summary>
    public static string NameOf(HttpRequest request) => Of(request.HttpContext)?.Name ?? Unnamed;

    /// <summary>Puts this identity on <paramref name="context"/> as its user.</summary>
    public void SignIn(HttpContext context)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, Id), new(ClaimTypes.Name, Name)];
        if (Admin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
