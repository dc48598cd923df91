using System.Text;
using Amends.Photos;
using ImageMagick;
using Microsoft.Extensions.Options;

namespace Amends.Tests.Photos;

/// <summary>What a file is comes from its bytes, never from its name or declared type.</summary>
public sealed class FileContentTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "application/pdf")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, "application/x-msdownload")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02 }, "application/x-executable")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "application/zip")]
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, null)]
    public void Sniffs_the_type_from_the_first_bytes(byte[] content, string? expected) =>
        Assert.Equal(expected, FileContent.Sniff(content));

    [Theory]
    [InlineData("RIFF\0\0\0\0WEBPVP8 ", "image/webp")]
    [InlineData("\0\0\0\u0018ftypheic\0\0\0\0mif1heic", "image/heic")]
    [InlineData("\0\0\0\u0018ftypmif1\0\0\0\0mif1heic", "image/heic")]
    [InlineData("\0\0\0\u001cftypavif\0\0\0\0avifmif1miaf", "image/avif")]
    [InlineData("\0\0\0\u0018ftypmp42\0\0\0\0isommp42", null)]
    public void Sniffs_container_formats_by_their_brand(string header, string? expected) =>
        Assert.Equal(expected, FileContent.Sniff(Encoding.Latin1.GetBytes(header)));

    [Fact]
    public void A_picture_that_starts_right_but_is_damaged_is_refused()
    {
        byte[] broken = [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Repeat((byte)0x42, 500)];
        var checks = new PhotoChecks(Options.Create(new PhotoOptions()));

        var result = checks.Check([new IncomingFile("photo.jpg", "image/jpeg", broken)]);

        Assert.Equal(RejectionReason.Unreadable, Assert.Single(result.Rejected).Reason);
    }

    [Fact]
    public void Limits_apply_in_order_count_file_and_message()
    {
        byte[] Photo(string colour)
        {
            using var image = new MagickImage(new MagickColor(colour), 64, 64) { Format = MagickFormat.Png };
            return image.ToByteArray();
        }

        var options = new PhotoOptions { MaxFiles = 2, MaxFileBytes = 100_000, MaxMessageBytes = 100_000 };
        var checks = new PhotoChecks(Options.Create(options));

        var result = checks.Check(
        [
            new IncomingFile("a.png", "image/png", Photo("red")),
            new IncomingFile("../../etc/b.png", "image/png", Photo("blue")),
            new IncomingFile("c.png", "image/png", Photo("green")),
            new IncomingFile("empty.png", "image/png", []),
        ]);

        Assert.Equal(["a.png", "b.png"], result.Accepted.Select(a => a.FileName));
        Assert.All(result.Accepted, a => Assert.Matches("^[0-9a-f]{24}\\.png$", a.Name));
        Assert.Equal([("c.png", RejectionReason.TooMany), ("empty.png", RejectionReason.Empty)], result.Rejected.Select(r => (r.FileName, r.Reason)));
    }

    [Fact]
    public void Only_types_we_can_check_may_be_allowed()
    {
        var options = new PhotoOptions { AllowedTypes = "image/jpeg,image/svg+xml" };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("image/svg+xml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rejection_reads_back_from_the_timeline()
    {
        var rejection = new AttachmentRejection("foto: rotta.jpg", RejectionReason.TooLarge, "12 bytes; the limit is 10.");
        var entry = new Incidents.TimelineEntry("1", Incidents.TimelineEntryKind.AttachmentRejected, DateTimeOffset.UnixEpoch, rejection.ToTimelineText(), "customer", false, false);

        Assert.Equal(rejection, AttachmentRejection.FromTimeline(entry));
    }
}
