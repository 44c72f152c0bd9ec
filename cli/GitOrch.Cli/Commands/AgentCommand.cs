using System.CommandLine;
using GitOrch.Agent;
using GitOrch.Agent.Http;
using GitOrch.Agent.Simulation;
using Microsoft.Extensions.Logging;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch agent</c>: one node's agent.</summary>
public static class AgentCommand
{
    public static Command Create(TextWriter output)
    {
        var node = new Option<string>("--node") { Description = "This node's name (default: the host name and a short machine id)", DefaultValueFactory = _ => DefaultNodeName.Current() };
        var runtime = CommonOptions.Runtime();
        var dockerEndpoint = new Option<string>("--docker-host", "--docker-endpoint") { Description = "The Docker daemon's endpoint (default: DOCKER_HOST, else the local socket)", DefaultValueFactory = _ => Agent.Runtime.DockerRuntime.DefaultEndpoint };
        var stateDirectory = new Option<string>("--state-dir") { Description = "Where the process runtime keeps pod directories and logs", DefaultValueFactory = _ => StoreLocator.Home };
        var simulate = new Option<int>("--simulate")
        {
            Description = "Run this many simulated nodes (NODE-00000, …) on the fake runtime instead of a real agent, for scale tests",
            Validators = { NumberFlags.AtLeast(0) },
        };
        var agent = new AgentFlags();
        var command = new Command("agent", "Run a node agent: register the node, run the pods bound to it, and proxy Services") { node, runtime, dockerEndpoint, stateDirectory, simulate };
        agent.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            using var loggers = Logging.Create();
            var options = agent.Apply(parse, new AgentOptions
            {
                NodeName = parse.GetValue(node)!,
                Runtime = parse.GetValue(runtime)!,
                DockerEndpoint = parse.GetValue(dockerEndpoint)!,
                StateDirectory = Path.Combine(parse.GetValue(stateDirectory)!, parse.GetValue(node)!),
                EndpointTls = StoreIdentity.Of(parse) is { } credentials && credentials.Certificate() is { } certificate
                    ? new AgentEndpointTls(certificate, credentials.Authority())
                    : null,
            }, Agent.Network.NodeAddress.Detect);
            if (parse.GetValue(simulate) is > 0 and var count)
            {
                await output.WriteLineAsync($"GitOrch agent: {count} simulated nodes {options.NodeName}-NNNNN, store {store.Description}");
                await new HollowNodes(new ObjectClient(store), count, options.NodeName, loggers.CreateLogger<HollowNodes>()).RunAsync(cancellationToken);
                return ExitCodes.Success;
            }
            await output.WriteLineAsync($"GitOrch agent {options.NodeName}: store {store.Description}");
            await NodeAgent.RunAsync(new ObjectClient(store), options, loggers, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
