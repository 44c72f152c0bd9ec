namespace GitOrch.Store.Access;

/// <summary>
/// What one identity may publish and subscribe to on NATS. The server enforces it, so a credential
/// cannot do more than its role whatever client it uses. Null lists mean no limit.
/// </summary>
public sealed record StoreRole(string Name, IReadOnlyList<string>? PublishAllow, IReadOnlyList<string> PublishDeny, IReadOnlyList<string>? SubscribeAllow);
