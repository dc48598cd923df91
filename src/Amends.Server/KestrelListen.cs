using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Amends.Server;

internal static class KestrelListen
{
    /// <summary>Listens on <paramref name="url"/>'s port: loopback for localhost, every interface for a wildcard host.</summary>
    public static void ListenLocalhostOrAny(this KestrelServerOptions kestrel, Uri url, HttpProtocols protocols)
    {
        if (url.Host is "localhost" or "127.0.0.1")
        {
            kestrel.ListenLocalhost(url.Port, listen => listen.Protocols = protocols);
        }
        else if (IPAddress.TryParse(url.Host, out var address))
        {
            kestrel.Listen(address, url.Port, listen => listen.Protocols = protocols);
        }
        else
        {
            kestrel.ListenAnyIP(url.Port, listen => listen.Protocols = protocols);
        }
    }
}
