using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Amends.Staff;

/// <summary>
/// Who a staff request comes from in Azure, where the Functions host has already checked the function
/// key: the user App Service Authentication signed in (it sets <c>X-MS-CLIENT-PRINCIPAL-NAME</c>,
/// <c>-ID</c> and <c>X-MS-CLIENT-PRINCIPAL</c>, and strips them from what callers send; read only when it
/// is on, <see cref="StaffOptions.AppServiceAuthentication"/>), else the person
/// whose function key the request carries (<see cref="StaffOptions.FunctionKeys"/>, matched by the key's
/// hash: with ASP.NET Core integration the worker gets the forwarded request, key included, but not the
/// host's claims naming the key), else a staff account's key in <c>X-Api-Key</c>.
/// </summary>
public sealed class AppServiceSignIn(StaffDirectory directory, IOptions<StaffOptions> options, TimeProvider clock)
{
    /// <summary>The header App Service Authentication puts the signed-in user's name in.</summary>
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>The header with the signed-in user's id (the Entra object id).</summary>
    public const string PrincipalIdHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    /// <summary>The header with all the user's claims, base64 JSON.</summary>
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The header a function key comes in (or the <c>code</c> query parameter).</summary>
    public const string FunctionKeyHeader = "x-functions-key";

    /// <summary>The header a staff account's key comes in.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Finds who sent <paramref name="request"/>; registers them in the directory so they can be assigned.</summary>
    public async Task<SignInResult> SignInAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var identity = FromAppService(request) ?? FromFunctionKey(request);
        if (identity is null && request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } key)
        {
            var member = await directory.AuthenticateAsync(key, cancellationToken);
            if (member is { Active: false })
            {
                return new SignInResult(null, Revoked: true);
            }

            identity = member is null ? null : StaffIdentity.Of(member);
        }

        if (identity is null)
        {
            return new SignInResult(null, Revoked: false);
        }

        if (await directory.FindAsync(identity.Id, cancellationToken) is { Active: false })
        {
            return new SignInResult(null, Revoked: true);
        }

        await directory.RegisterAsync(new StaffMember(identity.Id, identity.Name, identity.Admin, clock.GetUtcNow()), cancellationToken);
        return new SignInResult(identity, Revoked: false);
    }

    private StaffIdentity? FromAppService(HttpRequest request)
    {
        var principalName = request.Headers[PrincipalNameHeader].ToString().Trim();
        if (!options.Value.AppServiceAuthentication || principalName.Length == 0)
        {
            return null;
        }

        var id = principalName.Length <= 100 ? principalName : principalName[..100];
        var name = DisplayName(request.Headers[PrincipalHeader].ToString()) ?? id;
        return new StaffIdentity(id, name, options.Value.IsAdmin(id));
    }

    private StaffIdentity? FromFunctionKey(HttpRequest request)
    {
        var key = request.Headers[FunctionKeyHeader].ToString();
        if (key.Length == 0)
        {
            key = request.Query["code"].ToString();
        }

        if (key.Length == 0)
        {
            return null;
        }

        var hash = Encoding.ASCII.GetBytes(StaffDirectory.Hash(key));
        foreach (var (keyName, holder) in options.Value.FunctionKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(holder.Sha256.Trim().ToLowerInvariant()), hash))
            {
                return new StaffIdentity(keyName, holder.Name is { Length: > 0 } name ? name : keyName, options.Value.IsAdmin(keyName));
            }
        }

        return null;
    }

    /// <summary>The <c>name</c> claim of App Service Authentication's principal header, when it has one.</summary>
    private static string? DisplayName(string header)
    {
        if (header.Length is 0 or > 16_384)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(Convert.FromBase64String(header));
            if (json.RootElement.TryGetProperty("claims", out var claims) && claims.ValueKind == JsonValueKind.Array)
            {
                foreach (var claim in claims.EnumerateArray())
                {
                    if (claim.TryGetProperty("typ", out var type) && type.GetString() == "name" &&
                        claim.TryGetProperty("val", out var value) && value.GetString() is { Length: > 0 and <= StaffDirectory.MaxNameLength } name)
                    {
                        return name;
                    }
                }
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // A malformed header: the principal's name stands in.
        }

        return null;
    }
}

/// <summary>Who signed in, if anyone could be named.</summary>
/// <param name="Identity">The staff member; null when nobody could be named (the shared key alone).</param>
/// <param name="Revoked">True when the member was revoked: answer 401.</param>
public sealed record SignInResult(StaffIdentity? Identity, bool Revoked);
