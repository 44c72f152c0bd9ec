using System.CommandLine;

namespace GitOrch.Cli;

public static class CommonOptions
{
    public static readonly Option<string?> Store = new("--store")
    {
        Description = "The store: a nats://host:port URL or the embedded store's file path (env GITORCH_STORE; default ~/.gitorch/store.db)",
        Recursive = true,
    };

    public static Option<string> Repo(bool required) => new("--repo")
    {
        Description = "The Git repository of manifests, or a folder inside one",
        Required = required,
    };

    public static Option<string> Revision() => new("--rev")
    {
        Description = "The branch, tag or commit to apply",
        DefaultValueFactory = _ => "HEAD",
    };

    public static Option<string> Runtime() => new Option<string>("--runtime")
    {
        Description = "The container runtime: docker, process, or auto (docker when a daemon answers)",
        DefaultValueFactory = _ => "auto",
    }.AcceptOnlyFromAmong("auto", "docker", "process");
}
