namespace GitOrch.Agent;

public sealed record AgentOptions
{
    public required string NodeName { get; init; }

    /// <summary>docker, process, or auto: Docker when a daemon answers, processes otherwise.</summary>
    public string Runtime { get; init; } = "auto";

    public string DockerEndpoint { get; init; } = GitOrch.Agent.Runtime.DockerRuntime.DefaultEndpoint;
    public string Address { get; init; } = "127.0.0.1";
    public int? Cpu { get; init; }
    public long? MemoryBytes { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public required string StateDirectory { get; init; }
}
