using System.CommandLine;

namespace GitOrch.Cli;

/// <summary>The root of the command tree, carrying what every verb shares but the parser does not know.</summary>
public sealed class GitOrchRootCommand(StoreConnector stores)
    : RootCommand("GitOrch: a declarative container orchestrator whose desired state lives in Git.")
{
    public StoreConnector Stores { get; } = stores;
}
