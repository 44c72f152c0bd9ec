namespace GitOrch.Cli.Up;

/// <summary>What <c>up</c> says when it starts, and what it says is left when it stops.</summary>
public sealed record UpBanner(string Store, string Runtime, string Repository, string Revision, string? Branch, string Node, string? Webhook, string? LogFile)
{
    /// <summary>The dashboard's URL and the token it takes for actions, when it is served.</summary>
    public (string Url, string? Token)? Dashboard { get; init; }

    public IEnumerable<string> Lines()
    {
        yield return "GitOrch up";
        yield return $"  store     {Store}";
        yield return $"  runtime   {Runtime}";
        yield return $"  repo      {Repository} ({(Branch is null ? $"revision {Revision}" : $"branch {Branch}")})";
        yield return $"  node      {Node}";
        if (Webhook is not null) yield return $"  webhook   POST http://{Webhook}/hooks/git";
        if (Dashboard is { } dashboard)
            yield return $"  dashboard {dashboard.Url}/{(dashboard.Token is { } token ? $" (token for actions: {token})" : " (read-only)")}";
        if (LogFile is not null) yield return $"  logs      {LogFile}";
        yield return "Ctrl-C stops.";
    }

    public string Farewell() => Runtime == "docker"
        ? $"gitorch up stopped. Still running: the pods' Docker containers (docker ps --filter label=gitorch.io/node={Node}), which the next 'gitorch up' adopts. The store {Store} keeps every object."
        : $"gitorch up stopped, and the pods' processes with it. The store {Store} keeps every object; the next 'gitorch up' starts them again.";
}
