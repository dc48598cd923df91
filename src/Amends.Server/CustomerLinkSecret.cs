using System.Security.Cryptography;

namespace Amends.Server;

/// <summary>
/// The key customer links are signed with (<c>Amends:CustomerLinks:Secret</c>). On embedded defaults with
/// none configured, one is made and kept in a git-ignored local file, so links in emails outlive a restart.
/// </summary>
internal static class CustomerLinkSecret
{
    public const string Key = "Amends:CustomerLinks:Secret";

    /// <summary>Puts the key into <paramref name="configuration"/> unless it is configured already.</summary>
    public static void Ensure(ConfigurationManager configuration, string localFile)
    {
        if (!string.IsNullOrWhiteSpace(configuration[Key]))
        {
            return;
        }

        if (!File.Exists(localFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(localFile))!);
            File.WriteAllText(localFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        }

        configuration[Key] = File.ReadAllText(localFile).Trim();
    }
}
