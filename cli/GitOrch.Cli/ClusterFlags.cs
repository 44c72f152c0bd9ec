using System.CommandLine;
using GitOrch.Store;

namespace GitOrch.Cli;

/// <summary>The flag that names the directory <c>gitorch init</c> writes the cluster's keys and configuration to.</summary>
public static class ClusterFlags
{
    public static Option<string> Directory() => new("--dir")
    {
        Description = "Directory of the cluster's CA, nats.conf and credentials",
        DefaultValueFactory = _ => Path.Combine(StoreLocator.Home, "cluster"),
    };
}
