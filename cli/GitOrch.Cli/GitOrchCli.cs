using System.CommandLine;
using GitOrch.Cli.Commands;

namespace GitOrch.Cli;

/// <summary>The command tree of the gitorch executable.</summary>
public static class GitOrchCli
{
    public static RootCommand Build(TextWriter output)
    {
        var root = new RootCommand("GitOrch: a declarative container orchestrator whose desired state lives in Git.")
        {
            Options = { CommonOptions.Store },
            Subcommands =
            {
                UpCommand.Create(output),
                ServerCommand.Create(output),
                AgentCommand.Create(output),
                ApplyCommand.Create(output),
                DiffCommand.Create(output),
                SyncCommand.Create(output),
                StatusCommand.Create(output),
                HistoryCommand.Create(output),
                RollbackCommand.Create(output),
                BlameCommand.Create(output),
                TemplateCommand.Create(output),
                GetCommand.Create(output),
                DescribeCommand.Create(output),
                LogsCommand.Create(output),
                ExecCommand.Create(output),
                RolloutCommand.Create(output),
                CanaryCommand.Create(output),
                VersionCommand.Create(output),
            },
        };
        foreach (var command in NodeCommands.Create(output))
            root.Subcommands.Add(command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parse = Build(output).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
                await error.WriteLineAsync($"error: {problem.Message}");
            await error.WriteLineAsync("Run 'gitorch --help' for usage.");
            return ExitCodes.Usage;
        }
        // Stopping pods gracefully can take several seconds; the default would end the process after two.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        return await parse.InvokeAsync(configuration);
    }
}
