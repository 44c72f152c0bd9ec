using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Proxy;

/// <summary>
/// Forwards each TCP connection to one backend and copies bytes both ways until either side closes.
/// A backend that leaves the pool gets no new connections; the ones it has run to their end.
/// </summary>
public sealed class TcpServiceListener : IServiceListener
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Larger than the stream default (80 KiB): fewer system calls per megabyte on bulk transfers.</summary>
    private const int CopyBufferBytes = 256 * 1024;

    private readonly Socket _socket;
    private readonly string _service;
    private readonly TrafficCounters _counters;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpServiceListener(IPEndPoint endpoint, string service, TrafficCounters counters, ILogger logger)
    {
        _service = service;
        _counters = counters;
        _logger = logger;
        _socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(endpoint);
        _socket.Listen(512);
        _accepting = AcceptAsync(_stop.Token);
    }

    public bool IsHttp => false;
    public BackendPool Pool { get; set; } = BackendPool.Empty;

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken cancellationToken)
    {
        using var _ = client;
        client.NoDelay = true;
        var pool = Pool;
        var clientAddress = (client.RemoteEndPoint as IPEndPoint)?.Address;
        if (clientAddress is not null && !pool.Admits(clientAddress)) return;
        if (pool.Pick(clientAddress) is not { } backend) return;
        var started = Stopwatch.GetTimestamp();
        using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connect.CancelAfter(ConnectTimeout);
            await upstream.ConnectAsync(backend.Address, backend.Port, connect.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            _counters.Record(_service, backend, null, Stopwatch.GetElapsedTime(started));
            _logger.LogDebug("Service {Service}: backend {Pod} at {Address}:{Port} refused: {Error}", _service, backend.Pod, backend.Address, backend.Port, e.Message);
            return;
        }
        _counters.Record(_service, backend, 0, Stopwatch.GetElapsedTime(started));
        await using var clientStream = new NetworkStream(client, ownsSocket: false);
        await using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
        await Task.WhenAll(CopyAsync(clientStream, upstream, upstreamStream, cancellationToken), CopyAsync(upstreamStream, client, clientStream, cancellationToken));
    }

    /// <summary>Copies one direction, then half-closes the other side so it sees the end of the stream.</summary>
    private static async Task CopyAsync(Stream from, Socket toSocket, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, CopyBufferBytes, cancellationToken);
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            toSocket.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket.Dispose();
        await _accepting;
    }
}
