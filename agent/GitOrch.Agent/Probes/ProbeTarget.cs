using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Probes;

/// <summary>What a probe or hook acts on: one running container of a pod with a known IP.</summary>
public sealed record ProbeTarget(Pod Pod, Container Container, RuntimeContainer Running, string PodIP);
