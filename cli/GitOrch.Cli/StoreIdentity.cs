using System.CommandLine;
using GitOrch.Cli.Contexts;
using GitOrch.Store;
using GitOrch.Store.Nats;

namespace GitOrch.Cli;

/// <summary>The credentials file of the store a verb connects to, when it is a NATS store with one: its certificate also opens agents' endpoints.</summary>
public static class StoreIdentity
{
    public static StoreCredentials? Of(ParseResult parse)
    {
        var location = ContextSelection.StoreLocation(parse);
        return StoreLocator.IsNats(location) && StoreCredentials.PathIn(location) is { } path ? StoreCredentials.Load(path) : null;
    }
}
