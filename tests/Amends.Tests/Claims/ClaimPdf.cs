using System.Diagnostics;
using System.Globalization;

namespace Amends.Tests.Claims;

/// <summary>Opens a claim pack with poppler, as a reader would: its text (<c>pdftotext</c>) and its embedded pictures (<c>pdfimages -list</c>).</summary>
internal static class ClaimPdf
{
    /// <summary>Whether poppler's tools are installed (CI installs them: <c>.ci/run</c>).</summary>
    public static bool CanRead => Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
        .Any(folder => File.Exists(Path.Combine(folder, "pdftotext")) && File.Exists(Path.Combine(folder, "pdfimages"))) == true;

    /// <summary>The PDF's text, page by page as pdftotext lays it out.</summary>
    public static Task<string> TextAsync(byte[] pdf, CancellationToken cancellationToken) => RunAsync("pdftotext", pdf, ["-layout", "{pdf}", "-"], cancellationToken);

    /// <summary>The pictures the PDF embeds: one (page, width, height, encoding: <c>jpeg</c> or <c>image</c>) per picture.</summary>
    public static async Task<IReadOnlyList<(int Page, int Width, int Height, string Encoding)>> ImagesAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        var list = await RunAsync("pdfimages", pdf, ["-list", "{pdf}"], cancellationToken);

        // "page num type width height ..." then a rule, then one line per picture; soft masks (smask) are not pictures of their own.
        return [.. list.Split('\n').Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(c => c.Length > 8 && c[2] == "image")
            .Select(c => (int.Parse(c[0], CultureInfo.InvariantCulture), int.Parse(c[3], CultureInfo.InvariantCulture), int.Parse(c[4], CultureInfo.InvariantCulture), c[8]))];
    }

    private static async Task<string> RunAsync(string tool, byte[] pdf, string[] arguments, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("amends-claim-");
        try
        {
            var input = Path.Combine(folder.FullName, "claim.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken);
            var start = new ProcessStartInfo(tool, arguments.Select(a => a.Replace("{pdf}", input, StringComparison.Ordinal)))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            Assert.True(process.ExitCode == 0, $"{tool}: {await error}");
            return await output;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
