using System.Net;
using System.Net.Sockets;

namespace Velostream.Engine.Connectors.Kafka.Embedded;

/// <summary>
/// Makes the embedded broker reachable on a port chosen by someone else (the AppHost allocates one):
/// connections to that port are relayed to the mock cluster's bootstrap address.
/// </summary>
/// <remarks>
/// The mock brokers listen on ports of their own choosing, and a client only bootstraps through this
/// port: the metadata it gets back names the brokers' own addresses on 127.0.0.1, which it then
/// connects to directly. So this relays little more than the first requests of each client, and the
/// setup only suits clients on the same machine, which is what the embedded broker is for.
/// </remarks>
internal sealed class BootstrapListener : IAsyncDisposable
{
    private readonly List<TcpListener> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly IPEndPoint _target;

    private BootstrapListener(IPEndPoint target) => _target = target;

    public int Port { get; private set; }

    /// <summary>Listens on <paramref name="port"/> of the loopback addresses (IPv4, and IPv6 where there is one).</summary>
    public static BootstrapListener Start(int port, string bootstrapServers)
    {
        var first = bootstrapServers.Split(',')[0];
        var separator = first.LastIndexOf(':');
        var target = new IPEndPoint(IPAddress.Parse(first[..separator]), int.Parse(first[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var listener = new BootstrapListener(target);
        var v4 = new TcpListener(IPAddress.Loopback, port);
        v4.Start();
        listener.Port = ((IPEndPoint)v4.LocalEndpoint).Port;
        listener._listeners.Add(v4);
        if (Socket.OSSupportsIPv6)
        {
            try
            {
                var v6 = new TcpListener(IPAddress.IPv6Loopback, listener.Port);
                v6.Start();
                listener._listeners.Add(v6);
            }
            catch (SocketException)
            {
                // No IPv6 loopback here: "localhost" resolves to 127.0.0.1 alone.
            }
        }
        foreach (var socket in listener._listeners)
        {
            listener._loops.Add(listener.AcceptAsync(socket));
        }
        return listener;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var broker = new TcpClient())
        {
            try
            {
                await broker.ConnectAsync(_target, _stop.Token);
                client.NoDelay = true;
                broker.NoDelay = true;
                var inbound = client.GetStream();
                var outbound = broker.GetStream();
                // Either side closing ends both directions.
                await Task.WhenAny(
                    inbound.CopyToAsync(outbound, _stop.Token),
                    outbound.CopyToAsync(inbound, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A client that goes away mid-request is the client's business.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var listener in _listeners)
        {
            listener.Stop();
        }
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }
}
