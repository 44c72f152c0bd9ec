namespace GitOrch.Api.Model;

/// <summary>Labels and annotations GitOrch itself reads and writes.</summary>
public static class WellKnown
{
    public const string SourceCommit = "gitorch.io/source-commit";
    public const string SourcePath = "gitorch.io/source-path";
    public const string ManagedBy = "gitorch.io/managed-by";
    public const string ManagedByGit = "git";
    public const string ChartRelease = "gitorch.io/chart-release";
    public const string PodUid = "gitorch.io/pod-uid";
    public const string NodeName = "gitorch.io/node";
    public const string PodTemplateHash = "pod-template-hash";
    public const string DefaultNamespace = "default";
}
