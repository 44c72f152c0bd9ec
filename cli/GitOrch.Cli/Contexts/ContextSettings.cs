namespace GitOrch.Cli.Contexts;

/// <summary>One named context: which store a verb talks to, as whom, and the namespace it defaults to.</summary>
public sealed class ContextSettings
{
    public string Name { get; set; } = "";
    public string? Store { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? Token { get; set; }
    public string? Namespace { get; set; }

    /// <summary>The store location with the credentials placed in a NATS URL's user part.</summary>
    public string? StoreLocation()
    {
        if (Store is null || !Uri.TryCreate(Store, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls")) return Store;
        var userInfo = Token is { Length: > 0 } ? Uri.EscapeDataString(Token)
            : User is { Length: > 0 } ? $"{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(Password ?? "")}"
            : null;
        return userInfo is null ? Store : new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            .Replace("://", $"://{userInfo}@", StringComparison.Ordinal).TrimEnd('/');
    }
}
