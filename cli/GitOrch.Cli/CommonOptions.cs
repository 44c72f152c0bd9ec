using System.CommandLine;

namespace GitOrch.Cli;

public static class CommonOptions
{
    public static readonly Option<string?> Store = new("--store")
    {
        Description = "The store: a nats://host:port URL or the embedded store's file path (env GITORCH_STORE; default ~/.gitorch/store.db)",
        Recursive = true,
    };

    public static readonly Option<string?> Context = LiveCompletions.Contexts(new Option<string?>("--context")
    {
        Description = "The context from ~/.gitorch/config.yaml to use instead of the current one",
        Recursive = true,
    });

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print the full error, with its stack trace, when a verb fails",
        Recursive = true,
    };

    public static Option<string?> Namespace(string description = "The namespace (default: the context's, else default)")
    {
        var option = new Option<string?>("--namespace", "-n") { Description = description };
        LiveCompletions.Namespaces(option);
        return option;
    }

    /// <param name="formats">The formats the verb prints; the first is the default.</param>
    public static Option<string> Output(params string[] formats) =>
        new Option<string>("--output", "-o") { Description = "Output format", DefaultValueFactory = _ => formats[0] }.AcceptOnlyFromAmong(formats);

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

    public static Option<bool> ReplaceSource() => new("--replace")
    {
        Description = "Switch a store that holds another repository's releases to this one, pruning what that one declared",
    };

    public static Option<string> Runtime() => new Option<string>("--runtime")
    {
        Description = "The container runtime: docker, process, or auto (docker when a daemon answers)",
        DefaultValueFactory = _ => "auto",
    }.AcceptOnlyFromAmong("auto", "docker", "process");
}
