using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amends.Tests.Fixtures;

namespace Amends.Tests.Inbound;

/// <summary>
/// A switch in front of the assembly's Azurite: TCP forwarders on ports of their own, which one test
/// class can cut (connections refused and open ones dropped, as when storage is down) and restore,
/// without stopping the Azurite every other class is using. Azurite keeps its data meanwhile.
/// </summary>
public sealed class StorageSwitch : IAsyncDisposable
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Forwarder blobs;
    private readonly Forwarder tables;

    public StorageSwitch(AzuriteFixture azurite)
    {
        blobs = new Forwarder(azurite.BlobPort);
        tables = new Forwarder(azurite.TablePort);
        ConnectionString = string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{blobs.Port}/{Account};" +
            $"QueueEndpoint=http://127.0.0.1:{azurite.QueuePort}/{Account};" +
            $"TableEndpoint=http://127.0.0.1:{tables.Port}/{Account};");
    }

    /// <summary>A connection string to Azurite through the switch.</summary>
    public string ConnectionString { get; }

    /// <summary>Storage goes away: new connections are refused, open ones dropped.</summary>
    public void Cut()
    {
        blobs.Cut();
        tables.Cut();
    }

    /// <summary>Only Table Storage goes away; blobs stay.</summary>
    public void CutTables() => tables.Cut();

    /// <summary>Storage is back, on the same ports.</summary>
    public void Restore()
    {
        blobs.Restore();
        tables.Restore();
    }

    public ValueTask DisposeAsync()
    {
        blobs.Cut();
        tables.Cut();
        return ValueTask.CompletedTask;
    }

    private sealed class Forwarder
    {
        private readonly int target;
        private readonly ConcurrentDictionary<Socket, byte> open = new();
        private TcpListener? listener;

        public Forwarder(int target)
        {
            this.target = target;
            listener = Listen(0);
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public int Port { get; }

        public void Cut()
        {
            Interlocked.Exchange(ref listener, null)?.Stop();
            foreach (var socket in open.Keys)
            {
                Close(socket);
            }
        }

        public void Restore() => listener ??= Listen(Port);

        private TcpListener Listen(int port)
        {
            var created = new TcpListener(IPAddress.Loopback, port);
            created.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            created.Start();
            _ = AcceptAsync(created);
            return created;
        }

        private async Task AcceptAsync(TcpListener from)
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = await from.AcceptSocketAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                _ = ForwardAsync(client);
            }
        }

        private async Task ForwardAsync(Socket client)
        {
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            open[client] = 0;
            open[server] = 0;
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, target);
                await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
            finally
            {
                Close(client);
                Close(server);
            }
        }

        private static async Task PumpAsync(Socket from, Socket to)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
                {
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }

        private void Close(Socket socket)
        {
            open.TryRemove(socket, out _);
            try
            {
                socket.Close(0);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
