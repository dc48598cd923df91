using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Amends.StaffConsole;

/// <summary>
/// The staff console's built files (console/ bundled by Vite at build time), embedded in this
/// library so both hosts serve the very same files with nothing to deploy beside the assembly.
/// Read once; each file is kept with its gzip form and an entity tag from its content.
/// </summary>
public sealed class ConsoleFiles
{
    /// <summary>The manifest-resource prefix the project gives the built files.</summary>
    public const string ResourcePrefix = "console/";

    /// <summary>The page every console route answers with; the browser routes from there.</summary>
    public const string Index = "index.html";

    private static readonly Lazy<ConsoleFiles> Embedded = new(() => Load(typeof(ConsoleFiles).Assembly));

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".woff2"] = "font/woff2",
        [".json"] = "application/json",
        [".txt"] = "text/plain; charset=utf-8",
    };

    private readonly Dictionary<string, ConsoleFile> files;

    private ConsoleFiles(Dictionary<string, ConsoleFile> files) => this.files = files;

    /// <summary>The files embedded in the Amends assembly.</summary>
    public static ConsoleFiles Current => Embedded.Value;

    /// <summary>Every file's path under /console, e.g. <c>index.html</c>, <c>assets/index-4f2a.js</c>.</summary>
    public IEnumerable<string> Paths => files.Keys;

    /// <summary>The file at <paramref name="path"/> (relative to /console), or null when there is none.</summary>
    public ConsoleFile? Find(string path) => files.GetValueOrDefault(path);

    /// <summary>Reads the console's files from <paramref name="assembly"/>'s manifest resources.</summary>
    public static ConsoleFiles Load(Assembly assembly)
    {
        Dictionary<string, ConsoleFile> files = new(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var content = new MemoryStream();
            stream.CopyTo(content);
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            files[path] = ConsoleFile.Of(path, content.ToArray(), ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream"));
        }

        return new ConsoleFiles(files);
    }
}

/// <summary>One built file of the console.</summary>
/// <param name="Path">Its path under /console.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="Gzipped">Its bytes gzipped, or null when gzip would not make it smaller.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="ETag">A strong entity tag from its content (without the quotes).</param>
public sealed record ConsoleFile(string Path, byte[] Content, byte[]? Gzipped, string ContentType, string ETag)
{
    /// <summary>
    /// Vite names what it bundles under <c>assets/</c> by a hash of the content, so such a file never
    /// changes under its name and browsers may keep it for good.
    /// </summary>
    public bool Immutable => Path.StartsWith("assets/", StringComparison.Ordinal);

    /// <summary>A file with its gzip form and entity tag worked out.</summary>
    public static ConsoleFile Of(string path, byte[] content, string contentType)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }

        var gzipped = packed.Length < content.Length ? packed.ToArray() : null;
        var etag = Convert.ToHexString(SHA256.HashData(content).AsSpan(0, 12)).ToLowerInvariant();
        return new ConsoleFile(path, content, gzipped, contentType, etag);
    }
}
