using Amends.CustomerLinks;
using Amends.ReportProblem;
using Amends.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Amends.Tests.ReportProblem;

/// <summary>The signatures of the report page: the store's prefilled links and the form's own token.</summary>
public sealed class ReportLinksTests
{
    private const string Secret = "prefill-secret-of-the-store-0123456789";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_prefill_signature_is_hex_hmac_sha256_of_order_newline_lowercase_email()
    {
        Assert.Equal(ReportLinks.PrefillSignature(Secret, "#1042", "anna@example.com"), ReportLinks.PrefillSignature(Secret, " #1042 ", "Anna@Example.com"));
        Assert.Equal(KnownAnswer, ReportLinks.PrefillSignature(Secret, "#1042", "anna@example.com"));
    }

    [Fact]
    public void Only_the_stores_signature_of_that_order_and_email_prefills()
    {
        var links = Links(Secret);
        var signature = ReportLinks.PrefillSignature(Secret, "#1042", "anna@example.com");

        Assert.True(links.IsSignedByStore("#1042", "anna@example.com", signature));
        Assert.True(links.IsSignedByStore("#1042", "ANNA@example.com", signature.ToUpperInvariant()));
        Assert.False(links.IsSignedByStore("#1043", "anna@example.com", signature));
        Assert.False(links.IsSignedByStore("#1042", "eve@example.com", signature));
        Assert.False(links.IsSignedByStore("#1042", "anna@example.com", ReportLinks.PrefillSignature("another-secret-0123456789-0123456789", "#1042", "anna@example.com")));
        Assert.False(links.IsSignedByStore("#1042", "anna@example.com", signature[..63]));
        Assert.False(Links(null).IsSignedByStore("#1042", "anna@example.com", signature));
    }

    [Fact]
    public void A_form_token_is_good_until_it_expires_and_only_as_we_made_it()
    {
        var links = Links(Secret);
        var token = links.NewFormToken();

        var nonce = links.CheckFormToken(token);
        Assert.NotNull(nonce);
        Assert.Equal(32, nonce.Length);
        Assert.NotEqual(nonce, links.CheckFormToken(links.NewFormToken()));
        Assert.Null(links.CheckFormToken(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(links.CheckFormToken("1999999999." + nonce + "." + token.Split('.')[2]));
        Assert.Null(links.CheckFormToken(null));
        Assert.Null(links.CheckFormToken("not-a-token"));

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(links.CheckFormToken(token));
    }

    /// <summary>Computed outside .NET: <c>printf '#1042\nanna@example.com' | openssl dgst -sha256 -hmac prefill-secret-of-the-store-0123456789</c>.</summary>
    private const string KnownAnswer = "8b10ed64b87586de3f23d971c5e444e170bb07635ae282e3372603f9aaf3df64";

    private ReportLinks Links(string? secret)
    {
        var options = Options.Create(new ReportPageOptions { PrefillSecret = secret });
        var account = new StorageAccount(Options.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }));
        var customerLinks = new Amends.CustomerLinks.CustomerLinks(account, Options.Create(new CustomerLinkOptions { Secret = "customer-link-secret-for-tests-0123456789" }), clock);
        return new ReportLinks(customerLinks, options, clock);
    }
}
