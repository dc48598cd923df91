using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amends.Inbound;
using Amends.Tests.Fixtures;

namespace Amends.Tests.Inbound;

/// <summary>
/// With SendGrid's signed webhook configured, a post is taken only with a valid ECDSA P-256 signature
/// over the timestamp followed by the exact raw body; the URL secret alone is not enough.
/// </summary>
public sealed class InboundSignatureTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ECDsa signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private AmendsApiHost host = null!;

    public async ValueTask InitializeAsync() =>
        host = await AmendsApiHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            [InboundOptions.SignaturePublicKeyKey] = Convert.ToBase64String(signer.ExportSubjectPublicKeyInfo()),
        });

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        signer.Dispose();
    }

    [Fact]
    public async Task Signed_post_is_taken_and_anything_else_gets_401()
    {
        var post = SendGridPosts.Parsed(SendGridPosts.Sample("jpeg-with-gps-exif.eml"));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(timestamp, post.Body);
        var tampered = post with { Body = [.. post.Body[..^3], (byte)'x', .. post.Body[^2..]] };

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(post, signature: null, timestamp: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(post, signature, timestamp: "1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(tampered, signature, timestamp));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(post, "bm90IGEgc2lnbmF0dXJl", timestamp));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(post, signature, timestamp));
    }

    private string Sign(string timestamp, byte[] body) =>
        Convert.ToBase64String(signer.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    private async Task<HttpStatusCode> SendAsync(InboundPost post, string? signature, string? timestamp)
    {
        // The URL secret is sent too: with a signature key configured it must not be enough.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/inbound/sendgrid?key={AmendsApiHost.Secret}") { Content = post.ToContent() };
        if (signature is not null)
        {
            request.Headers.Add(InboundAuthentication.SignatureHeader, signature);
        }

        if (timestamp is not null)
        {
            request.Headers.Add(InboundAuthentication.TimestampHeader, timestamp);
        }

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
