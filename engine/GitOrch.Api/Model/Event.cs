namespace GitOrch.Api.Model;

/// <summary>Something that happened to an object, for people reading <c>gitorch get events</c>.</summary>
public sealed record Event : KubeObject
{
    public ObjectReference InvolvedObject { get; init; } = new();
    public string Type { get; init; } = EventTypes.Normal;
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    public string? Source { get; init; }
    public DateTimeOffset? FirstTimestamp { get; init; }
}

public static class EventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
