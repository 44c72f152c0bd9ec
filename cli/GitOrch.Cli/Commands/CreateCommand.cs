using System.CommandLine;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch create -f FILE</c>: create objects no commit declares; one that exists already is refused, and nothing is written.</summary>
public static class CreateCommand
{
    public static Command Create(TextWriter output)
    {
        var files = new UnmanagedApplyVerb();
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be created and write nothing" };
        var command = new Command("create", "Create objects that no commit declares, from files; refused for any that exists") { dryRun };
        files.AddTo(command, withKustomize: false);
        files.Files.Required = true;
        command.SetGuardedAction((parse, cancellationToken) => files.RunAsync(parse, output, createOnly: true, parse.GetValue(dryRun), cancellationToken));
        return command;
    }
}
