namespace GitOrch.Agent.Proxy;

/// <summary>One ready pod behind a service port: where to send traffic, and which version (pod-template hash) it runs.</summary>
public sealed record Backend(string Pod, string Version, string Address, int Port);
