namespace GitOrch.Api.Model;

/// <summary>
/// An identity for the pods of a namespace. Every namespace has one named <c>default</c>; a pod that
/// names one that does not exist waits until it does.
/// </summary>
public sealed record ServiceAccount : KubeObject
{
    public List<ObjectReference>? Secrets { get; init; }
    public List<LocalObjectReference>? ImagePullSecrets { get; init; }
    public bool? AutomountServiceAccountToken { get; init; }
}
