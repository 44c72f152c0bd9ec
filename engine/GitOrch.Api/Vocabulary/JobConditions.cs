namespace GitOrch.Api.Vocabulary;

/// <summary>The condition types a finished Job's status carries.</summary>
public static class JobConditions
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";
}
