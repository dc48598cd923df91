using System.Security.Cryptography;
using System.Text;
using Amends.Api;
using Amends.Staff;
using Microsoft.Extensions.Options;

namespace Amends.Server;

/// <summary>
/// The staff sign-in of the standalone server (header <c>X-Api-Key</c>): the owner's key
/// (<c>Amends:ApiKey</c>; on embedded defaults with none configured, one is made and kept in a git-ignored
/// local file) or a named staff account's key from the <see cref="StaffDirectory"/>. The member found is
/// put on the request as its user, so every action is signed with their name.
/// </summary>
internal sealed class StaffApiKey(byte[] ownerHash, StaffIdentity owner, StaffDirectory directory) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    /// <summary>Reads (or makes) the owner's key and puts the owner in the directory, so they can be assigned.</summary>
    public static async Task<StaffApiKey> LoadAsync(IServiceProvider services, IConfiguration configuration, string localFile, ILogger logger)
    {
        var key = configuration["Amends:ApiKey"];
        if (string.IsNullOrWhiteSpace(key))
        {
            if (File.Exists(localFile))
            {
                key = File.ReadAllText(localFile).Trim();
            }
            else
            {
                key = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(localFile))!);
                File.WriteAllText(localFile, key);
            }

            logger.LogInformation("No Amends:ApiKey configured: the staff API key is in {KeyFile}.", Path.GetFullPath(localFile));
        }

        var directory = services.GetRequiredService<StaffDirectory>();
        var ownerName = services.GetRequiredService<IOptions<StaffOptions>>().Value.OwnerName;
        var owner = new StaffMember(StaffMember.OwnerId, ownerName, Admin: true, services.GetRequiredService<TimeProvider>().GetUtcNow());
        await directory.RegisterAsync(owner);
        return new StaffApiKey(Hash(key), StaffIdentity.Of(owner), directory);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var sent = http.Request.Headers[Header].ToString();

        // Hashes have equal length, so the comparison takes the same time whatever was sent.
        if (CryptographicOperations.FixedTimeEquals(Hash(sent), ownerHash))
        {
            owner.SignIn(http);
            return await next(context);
        }

        switch (await directory.AuthenticateAsync(sent, http.RequestAborted))
        {
            case { Active: true } member:
                StaffIdentity.Of(member).SignIn(http);
                return await next(context);
            case { Active: false }:
                return Problems.Revoked();
            default:
                return Problems.Unauthorized(Header);
        }
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
