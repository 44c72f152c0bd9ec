namespace GitOrch.Agent.Proxy;

/// <summary>One ready pod behind a service port: where to send traffic, which version (pod-template hash) it runs, and on which node.</summary>
public sealed record Backend(string Pod, string Version, string Address, int Port, string? Node = null);
