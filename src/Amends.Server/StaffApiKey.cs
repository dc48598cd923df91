using System.Security.Cryptography;
using System.Text;
using Amends.Api;

namespace Amends.Server;

/// <summary>
/// The staff API key of the standalone server (<c>Amends:ApiKey</c>, header <c>X-Api-Key</c>). On
/// embedded defaults with no key configured, one is made and kept in a git-ignored local file.
/// </summary>
internal sealed class StaffApiKey(byte[] expectedHash) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public static StaffApiKey Load(IConfiguration configuration, string localFile, ILogger logger)
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

        return new StaffApiKey(Hash(key));
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var sent = context.HttpContext.Request.Headers[Header].ToString();

        // Hashes have equal length, so the comparison takes the same time whatever was sent.
        return CryptographicOperations.FixedTimeEquals(Hash(sent), expectedHash)
            ? next(context)
            : ValueTask.FromResult<object?>(Problems.Unauthorized(Header));
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
