namespace GitOrch.Store;

public sealed record StoreEntry(string Key, byte[] Value, long Revision);

public enum WatchEventType
{
    Put,
    Delete,
}

public sealed record WatchEvent(WatchEventType Type, string Key, byte[]? Value, long Revision);

/// <summary>The buckets the store holds; status is apart from specs so agents never conflict with spec writers.</summary>
public static class Buckets
{
    public const string Objects = "objects";
    public const string Status = "status";
    public const string Meta = "meta";

    public static readonly IReadOnlyList<string> All = [Objects, Status, Meta];
}
