using System.ComponentModel.DataAnnotations;
using System.Net;
using Amends.ReportProblem;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Amends.Tests.ReportProblem;

/// <summary>
/// Which address a report counts against, with <c>X-Forwarded-For</c> as Azure's front ends write it: App Service
/// appends <c>IP:port</c> (IPv6 in brackets) after whatever came in, Front Door appends the client's address,
/// Application Gateway writes a comma-separated list of <c>IP:port</c> (docs/report-page.md cites the pages). A
/// visitor can write any header: only the entry the proxy appended counts, and only from where a proxy sits.
/// </summary>
public sealed class ClientAddressTests
{
    private static readonly ReportPageOptions BehindProxy = new() { TrustForwardedFor = true };

    [Fact]
    public void On_the_internet_directly_a_forwarded_header_is_the_visitors_own_and_is_ignored()
    {
        Assert.Equal("198.51.100.23", Of("198.51.100.23", "203.0.113.9", new ReportPageOptions()));

        // Even with forwarding trusted by mistake: the connection comes from no proxy's network.
        Assert.Equal("198.51.100.23", Of("198.51.100.23", "203.0.113.9", BehindProxy));
        Assert.Equal("198.51.100.23", Of("198.51.100.23", "203.0.113.9, 203.0.113.10:443", BehindProxy));
    }

    [Theory]
    [InlineData("203.0.113.7:52344", "203.0.113.7")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("[2001:db8:85a3:8d3:1319:8a2e:370:7348]:52344", "2001:db8:85a3:8d3::/64")]
    [InlineData("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3:8d3::/64")]
    [InlineData("[::ffff:203.0.113.7]:52344", "203.0.113.7")]
    [InlineData("10.0.0.5, 192.168.1.20, 172.16.0.10:49828", "172.16.0.10")]
    [InlineData("198.51.100.99, 203.0.113.7:52344", "203.0.113.7")]
    [InlineData("198.51.100.99,203.0.113.7:52344", "203.0.113.7")]
    public void Behind_the_front_end_the_entry_it_appended_counts_with_its_port_dropped(string forwardedFor, string counted)
    {
        Assert.Equal(counted, Of("127.0.0.1", forwardedFor, BehindProxy));
        Assert.Equal(counted, Of("10.0.0.4", forwardedFor, BehindProxy));
        Assert.Equal(counted, Of("::ffff:10.0.0.4", forwardedFor, BehindProxy));
    }

    [Fact]
    public void A_header_sent_twice_counts_by_the_last_line()
    {
        var context = Request("10.0.0.4", new StringValues(["198.51.100.99", "203.0.113.7:52344"]));

        Assert.Equal("203.0.113.7", ClientAddress.Of(context.Request, BehindProxy));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("203.0.113.7:52344, ")]
    [InlineData("shop.example")]
    public void An_entry_that_is_not_an_address_counts_the_connection(string forwardedFor) =>
        Assert.Equal("10.0.0.4", Of("10.0.0.4", forwardedFor, BehindProxy));

    [Fact]
    public void When_the_functions_worker_already_applied_the_header_what_is_left_is_the_visitors_and_is_ignored()
    {
        // The Functions worker's ASP.NET Core integration runs the forwarded-headers middleware with its defaults
        // (the host connects from this machine; one entry, the last, is applied): the front end's entry becomes the
        // connection's address and leaves the header, where only what the visitor wrote stays.
        var context = Request("127.0.0.1", "198.51.100.99, 203.0.113.7:52344");
        new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All }))
            .ApplyForwarders(context);

        Assert.Equal("198.51.100.99", context.Request.Headers[ForwardedHeadersDefaults.XForwardedForHeaderName].ToString());
        Assert.Equal("203.0.113.7", ClientAddress.Of(context.Request, BehindProxy));
        Assert.Equal("203.0.113.7", ClientAddress.Of(context.Request, new ReportPageOptions()));
    }

    [Fact]
    public void Configured_proxy_networks_replace_the_private_ones()
    {
        var options = new ReportPageOptions { TrustForwardedFor = true, ProxyNetworks = ["20.36.0.0/14"] };

        Assert.Equal("203.0.113.7", Of("20.37.1.2", "198.51.100.99, 203.0.113.7:52344", options));
        Assert.Equal("10.0.0.4", Of("10.0.0.4", "198.51.100.99, 203.0.113.7:52344", options));
    }

    [Fact]
    public void One_ipv6_subscriber_counts_once_whatever_address_of_its_64_it_uses()
    {
        Assert.Equal(
            ClientAddress.Key(IPAddress.Parse("2001:db8:85a3:8d3::1")),
            ClientAddress.Key(IPAddress.Parse("2001:db8:85a3:8d3:ffff:ffff:ffff:ffff")));
        Assert.NotEqual(
            ClientAddress.Key(IPAddress.Parse("2001:db8:85a3:8d3::1")),
            ClientAddress.Key(IPAddress.Parse("2001:db8:85a3:8d4::1")));
        Assert.Equal("::1", ClientAddress.Key(IPAddress.IPv6Loopback));
    }

    [Fact]
    public void A_proxy_network_that_is_not_cidr_is_refused_at_start()
    {
        var options = new ReportPageOptions { ProxyNetworks = ["10.0.0.0/8", "the load balancer"] };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("\"the load balancer\"", StringComparison.Ordinal));
    }

    private static string Of(string connection, string forwardedFor, ReportPageOptions options) =>
        ClientAddress.Of(Request(connection, forwardedFor).Request, options);

    private static DefaultHttpContext Request(string connection, StringValues forwardedFor)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(connection);
        context.Request.Headers[ForwardedHeadersDefaults.XForwardedForHeaderName] = forwardedFor;
        return context;
    }
}
