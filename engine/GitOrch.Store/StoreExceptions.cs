namespace GitOrch.Store;

/// <summary>A compare-and-swap write lost: the key exists already, or moved past the expected revision.</summary>
public sealed class ConflictException(string bucket, string key, string problem)
    : Exception($"conflict on {bucket}/{key}: {problem}")
{
    public string Key { get; } = key;
}

/// <summary>The object asked for does not exist.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} not found");

/// <summary>The store cannot be reached or opened.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
/// <summary>The store refused an operation that the connection's credential is not allowed; the message names the subject NATS refused.</summary>
public sealed class PermissionDeniedException(string message) : Exception(message);
