namespace GitOrch.Api.Vocabulary;

/// <summary>The values of a pod's <c>status.phase</c>.</summary>
public static class PodPhases
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}
