namespace GitOrch.Api.Vocabulary;

/// <summary>The phases of claims and volumes, and the words their specs use.</summary>
public static class VolumePhases
{
    public const string Pending = "Pending";
    public const string Bound = "Bound";
    public const string Lost = "Lost";
    public const string Available = "Available";
    public const string Released = "Released";

    public const string Delete = "Delete";
    public const string Retain = "Retain";
    public const string Immediate = "Immediate";
    public const string WaitForFirstConsumer = "WaitForFirstConsumer";

    /// <summary>The claim condition that says a claim waits, by design, for the first pod that uses it.</summary>
    public const string WaitingForFirstConsumer = "WaitingForFirstConsumer";
}
