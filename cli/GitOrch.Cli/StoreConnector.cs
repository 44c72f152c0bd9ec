using System.CommandLine;
using GitOrch.Cli.Contexts;
using GitOrch.Store;

namespace GitOrch.Cli;

/// <summary>Opens the store a verb works on. Tests hand in their own opener to run verbs on an in-memory store.</summary>
public sealed class StoreConnector(Func<string, CancellationToken, Task<IObjectStore>> open)
{
    private readonly Func<string, CancellationToken, Task<IObjectStore>> _open = open;

    public static StoreConnector Default { get; } = new((location, cancellationToken) => StoreLocator.OpenAsync(location, cancellationToken));

    /// <summary>Opens the store chosen by the flags and the context, through the opener the command tree was built with.</summary>
    public static Task<IObjectStore> OpenAsync(ParseResult parse, CancellationToken cancellationToken) =>
        ((GitOrchRootCommand)parse.RootCommandResult.Command).Stores._open(ContextSelection.StoreLocation(parse), cancellationToken);
}
