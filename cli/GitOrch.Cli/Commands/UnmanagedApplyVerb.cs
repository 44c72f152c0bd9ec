using System.CommandLine;
using GitOrch.Cli.Contexts;
using GitOrch.Engine.Sync;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary>
/// The flags and the action that <c>apply -f|-k</c> and <c>create -f</c> share: objects no commit
/// declares, written straight to the store and printed as kubectl prints them (<c>configmap/x created</c>).
/// </summary>
public sealed class UnmanagedApplyVerb
{
    public Option<string[]> Files { get; } = new("--filename", "-f")
    {
        Description = "A manifest file, a folder of them, or - for standard input (repeat for more); for objects no commit declares",
    };

    public Option<string?> Kustomization { get; } = new("--kustomize", "-k") { Description = "A kustomization folder to render and write, as with -f" };

    public Option<string?> Namespace { get; } = CommonOptions.Namespace("The namespace of objects that name none (default: the context's, else default)");

    public bool IsGiven(ParseResult parse) => parse.GetValue(Files) is { Length: > 0 } || parse.GetValue(Kustomization) is not null;

    public void AddTo(Command command, bool withKustomize)
    {
        command.Options.Add(Files);
        if (withKustomize) command.Options.Add(Kustomization);
        command.Options.Add(Namespace);
    }

    public async Task<int> RunAsync(ParseResult parse, TextWriter output, bool createOnly, bool dryRun, CancellationToken cancellationToken)
    {
        await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
        var loaded = ManifestFiles.Load(parse.GetValue(Files) ?? [], parse.GetValue(Kustomization), ContextSelection.Namespace(parse, Namespace), Console.In);
        if (loaded.Count == 0) throw new ArgumentException("no objects in the files given");
        foreach (var (obj, verb) in await new UnmanagedApply(new ObjectClient(store)).ApplyAsync(loaded, createOnly, dryRun, cancellationToken))
            await output.WriteLineAsync($"{obj.Kind.ToLowerInvariant()}/{obj.Name} {verb}{(dryRun ? " (dry run)" : "")}");
        return ExitCodes.Success;
    }
}
