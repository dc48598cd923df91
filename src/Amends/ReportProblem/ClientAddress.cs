using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ForwardedHeadersDefaults = Microsoft.AspNetCore.HttpOverrides.ForwardedHeadersDefaults;

namespace Amends.ReportProblem;

/// <summary>
/// The address a report counts against for the per-address limit. Whatever a visitor can write is never
/// believed: only the <c>X-Forwarded-For</c> entry the front end appended (the last one), only when
/// <see cref="ReportPageOptions.TrustForwardedFor"/> is on and the connection comes from where a proxy sits
/// (<see cref="ReportPageOptions.ProxyNetworks"/>). When a forwarded-headers middleware already took that entry
/// (the Functions worker does), the connection's address is the answer and what is left in the header is the
/// visitor's. An IPv6 address counts by its /64, which one subscriber usually holds whole.
/// </summary>
public static class ClientAddress
{
    /// <summary>Where proxies in front of an app sit when no list is configured: this machine and private networks.</summary>
    public static IReadOnlyList<IPNetwork> PrivateNetworks { get; } =
    [
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"),
    ];

    /// <summary>The key of <paramref name="request"/>'s client for the per-address limit.</summary>
    public static string Of(HttpRequest request, ReportPageOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var proxies = options.ProxyNetworks is { Count: > 0 } listed ? [.. listed.Select(IPNetwork.Parse)] : PrivateNetworks;
        var address = Choose(
            request.HttpContext.Connection.RemoteIpAddress,
            request.Headers[ForwardedHeadersDefaults.XForwardedForHeaderName],
            // The forwarded-headers middleware keeps the connection's own address there once it has put a forwarded one in its place.
            alreadyApplied: request.Headers.ContainsKey(ForwardedHeadersDefaults.XOriginalForHeaderName),
            options.TrustForwardedFor,
            proxies);
        return address is null ? "unknown" : Key(address);
    }

    /// <summary>
    /// The client's address: the connection's, or, when forwarded addresses are trusted, not yet applied and the
    /// connection comes from one of <paramref name="proxies"/>, the last <c>X-Forwarded-For</c> entry (of the last
    /// header line). An entry that is not an address leaves the connection's.
    /// </summary>
    public static IPAddress? Choose(IPAddress? connection, StringValues forwardedFor, bool alreadyApplied, bool trust, IReadOnlyList<IPNetwork> proxies)
    {
        ArgumentNullException.ThrowIfNull(proxies);
        var from = connection is { IsIPv4MappedToIPv6: true } ? connection.MapToIPv4() : connection;
        if (!trust || alreadyApplied || from is null || !proxies.Any(p => p.Contains(from)) || forwardedFor.Count == 0)
        {
            return from;
        }

        var last = forwardedFor[^1]?.Split(',')[^1] ?? "";
        return Parse(last) ?? from;
    }

    /// <summary>
    /// One <c>X-Forwarded-For</c> entry as proxies write it: <c>203.0.113.7</c>, <c>203.0.113.7:52344</c>,
    /// <c>2001:db8::7</c> or <c>[2001:db8::7]:52344</c>; null for anything else (<c>unknown</c>, a name).
    /// </summary>
    public static IPAddress? Parse(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!IPEndPoint.TryParse(entry.Trim(), out var endPoint))
        {
            return null;
        }

        return endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
    }

    /// <summary>What a client is counted as: an IPv4 address itself, an IPv6 address its /64.</summary>
    public static string Key(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
