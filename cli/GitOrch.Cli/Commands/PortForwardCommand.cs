using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GitOrch.Agent.Http;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Store;
using GitOrch.Store.Nats;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch port-forward POD|svc/NAME [LOCAL:]REMOTE…</c>: listens on local ports and carries each
/// connection to the pod's port through its node's agent, until Ctrl-C. For a Service it picks a ready
/// pod from its Endpoints and the pod port behind the Service port.
/// </summary>
public static class PortForwardCommand
{
    private sealed record Forward(int Local, int Remote);

    public static Command Create(TextWriter output)
    {
        var target = new Argument<string>("target") { Description = "The pod (NAME or pod/NAME) or the Service (svc/NAME)" };
        var ports = new Argument<string[]>("ports") { Description = "LOCAL:REMOTE, PORT for the same on both sides, or :REMOTE for any free local port", Arity = ArgumentArity.OneOrMore };
        var ns = CommonOptions.Namespace();
        LiveCompletions.NamesOf(target, Kinds.Pod, ns);
        var address = new Option<string>("--address") { Description = "The local address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("port-forward", "Forward local ports to a pod's ports, through its node's agent") { target, ports, ns, address };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var listenAddress = IPAddress.TryParse(parse.GetValue(address), out var parsed) ? parsed : throw new ArgumentException($"--address \"{parse.GetValue(address)}\" is not an IP address");
            var forwards = parse.GetValue(ports)!.Select(ParsePorts).ToList();
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            var namespaceName = ContextSelection.Namespace(parse, ns);
            var (pod, podPorts) = await ResolveAsync(client, namespaceName, parse.GetValue(target)!, forwards, cancellationToken);
            var identity = StoreIdentity.Of(parse);
            var listeners = new List<Task>();
            foreach (var (forward, podPort) in forwards.Zip(podPorts))
            {
                var listener = new TcpListener(listenAddress, forward.Local);
                try
                {
                    listener.Start();
                }
                catch (SocketException e)
                {
                    throw new ArgumentException($"port {forward.Local} on {listenAddress}: {e.Message}");
                }
                await output.WriteLineAsync($"Forwarding from {listenAddress}:{((IPEndPoint)listener.LocalEndpoint).Port} -> {podPort}");
                listeners.Add(AcceptAsync(listener, client, identity, pod, podPort, parse.InvocationConfiguration.Error, cancellationToken));
            }
            await Task.WhenAll(listeners);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Forward ParsePorts(string text)
    {
        var parts = text.Split(':');
        int Port(string part, bool zeroAllowed) =>
            int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 && (port > 0 || zeroAllowed)
                ? port : throw new ArgumentException($"\"{text}\": expected LOCAL:REMOTE or PORT, with ports from 1 to 65535");
        return parts switch
        {
            [var both] => new Forward(Port(both, false), Port(both, false)),
            ["", var remote] => new Forward(0, Port(remote, false)),
            [var local, var remote] => new Forward(Port(local, true), Port(remote, false)),
            _ => throw new ArgumentException($"\"{text}\": expected LOCAL:REMOTE or PORT"),
        };
    }

    /// <summary>The pod to reach, and for each forward the pod's port (a Service's port becomes the port its Endpoints name).</summary>
    private static async Task<(Pod Pod, IReadOnlyList<int> Ports)> ResolveAsync(ObjectClient client, string ns, string target, IReadOnlyList<Forward> forwards, CancellationToken cancellationToken)
    {
        if (target.Split('/', 2) is not [var kind, var name] || Kinds.Resolve(kind) != Kinds.Service)
            return (await AgentConnection.FindPodAsync(client, ns, target, cancellationToken), forwards.Select(forward => forward.Remote).ToList());
        var service = await client.GetAsync<Service>(ns, name, cancellationToken) ?? throw new NotFoundException($"service \"{name}\" in namespace {ns}");
        var endpoints = await client.GetAsync<Endpoints>(ns, name, cancellationToken);
        var subset = endpoints?.Subsets?.FirstOrDefault(s => s.Addresses is { Count: > 0 })
            ?? throw new AgentAnswerException($"service \"{name}\" has no ready pod to forward to");
        var address = subset.Addresses!.First(a => a.TargetRef?.Kind == "Pod");
        var pod = await AgentConnection.FindPodAsync(client, ns, address.TargetRef!.Name!, cancellationToken);
        var podPorts = forwards.Select(forward =>
        {
            var servicePort = service.Spec.Ports?.FirstOrDefault(port => port.Port == forward.Remote)
                ?? throw new ArgumentException($"service \"{name}\" has no port {forward.Remote} (it has {string.Join(", ", service.Spec.Ports?.Select(port => port.Port) ?? [])})");
            return (subset.Ports?.Count == 1 ? subset.Ports[0] : subset.Ports?.FirstOrDefault(port => port.Name == servicePort.Name))?.Port ?? forward.Remote;
        }).ToList();
        return (pod, podPorts);
    }

    private static async Task AcceptAsync(TcpListener listener, ObjectClient client, StoreCredentials? identity, Pod pod, int podPort, TextWriter errors, CancellationToken cancellationToken)
    {
        using var stop = cancellationToken.Register(listener.Stop);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var connection = await listener.AcceptTcpClientAsync(cancellationToken);
                _ = CarryAsync(connection, client, identity, pod, podPort, errors, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One local connection, carried through a tunnel of its own; a failure is reported and the others go on, as kubectl does.</summary>
    private static async Task CarryAsync(TcpClient connection, ObjectClient client, StoreCredentials? identity, Pod pod, int podPort, TextWriter errors, CancellationToken cancellationToken)
    {
        using (connection)
        {
            try
            {
                connection.NoDelay = true;
                using var tunnel = await AgentConnection.OpenTunnelAsync(client, identity, pod, podPort, cancellationToken);
                await PortTunnel.PumpAsync(tunnel, connection.Client, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await errors.WriteLineAsync($"error: forwarding to pod {pod.Name} port {podPort}: {e.Message}");
            }
        }
    }
}
