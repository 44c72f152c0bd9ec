using System.Net.Sockets;
using System.Net.WebSockets;
using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Agent.Http;

/// <summary>
/// Port-forward's tunnel: one TCP connection carried as the binary messages of a WebSocket. The agent
/// runs it between the caller's WebSocket and the pod's port; the CLI between a local connection and
/// the agent. Each direction ends on its own, as a half-close, so no bytes in flight are lost.
/// </summary>
public static class PortTunnel
{
    private const int BufferSize = 64 * 1024;

    public static async Task<Pod> PodWithAddressAsync(ObjectClient client, string ns, string name, CancellationToken cancellationToken)
    {
        var pod = await client.GetAsync<Pod>(ns, name, cancellationToken) ?? throw new PodContainers.NotFound($"pod \"{name}\" not found in namespace {ns}");
        return pod.Status?.PodIP is { Length: > 0 } ? pod : throw new PodContainers.NotFound($"pod \"{name}\" has no address yet (phase {pod.Status?.Phase ?? "Pending"})");
    }

    /// <summary>The agent's side: connects to the pod's port and carries the caller's WebSocket to it.</summary>
    public static async Task RunAsync(WebSocket socket, string address, int port, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(address, port, cancellationToken);
        await PumpAsync(socket, tcp.Client, cancellationToken);
    }

    /// <summary>
    /// Carries bytes both ways until both sides are done: a WebSocket close becomes a TCP half-close,
    /// and the end of the TCP stream becomes a WebSocket close.
    /// </summary>
    public static async Task PumpAsync(WebSocket socket, Socket tcp, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(tcp, ownsSocket: false);
        var inbound = InboundAsync(socket, stream, tcp, cancellationToken);
        var outbound = OutboundAsync(stream, socket, cancellationToken);
        await Task.WhenAll(inbound, outbound);
    }

    private static async Task InboundAsync(WebSocket from, Stream to, Socket tcp, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                var received = await from.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close) break;
                await to.WriteAsync(buffer.AsMemory(0, received.Count), cancellationToken);
            }
            tcp.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task OutboundAsync(Stream from, WebSocket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
                await to.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
            if (to.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await to.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }
}
