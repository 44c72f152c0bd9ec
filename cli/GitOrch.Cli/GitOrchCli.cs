using GitOrch.Api.Validation;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using GitOrch.Cli.Commands;
using GitOrch.Cli.Output;

namespace GitOrch.Cli;

/// <summary>The command tree of the gitorch executable.</summary>
public static class GitOrchCli
{
    public static GitOrchRootCommand Build(TextWriter output, StoreConnector? stores = null)
    {
        var root = new GitOrchRootCommand(stores ?? StoreConnector.Default)
        {
            Options = { CommonOptions.Store, CommonOptions.Context, CommonOptions.Verbose },
            Subcommands =
            {
                UpCommand.Create(output),
                DownCommand.Create(output),
                InitCommand.Create(output),
                CredentialsCommand.Create(output),
                SealCommand.Create(output),
                SecretsCommand.Create(output),
                TokenCommand.Create(output),
                JoinCommand.Create(output),
                ServerCommand.Create(output),
                AgentCommand.Create(output),
                ApplyCommand.Create(output),
                CreateCommand.Create(output),
                DiffCommand.Create(output),
                EditCommand.Create(output),
                SyncCommand.Create(output),
                StatusCommand.Create(output),
                HistoryCommand.Create(output),
                RollbackCommand.Create(output),
                BlameCommand.Create(output),
                TemplateCommand.Create(output),
                RenderCommand.Create(output),
                GetCommand.Create(output),
                DescribeCommand.Create(output),
                EventsCommand.Create(output),
                WaitCommand.Create(output),
                DeleteCommand.Create(output),
                LogsCommand.Create(output),
                ExecCommand.Create(output),
                PortForwardCommand.Create(output),
                RolloutCommand.Create(output),
                CanaryCommand.Create(output),
                ConfigCommand.Create(output),
                CompletionCommand.Create(output),
                ScaleCommand.Create(output),
                TopCommand.Create(output),
                ExplainCommand.Create(output),
                VersionCommand.Create(output),
            },
        };
        foreach (var command in NodeCommands.Create(output))
            root.Subcommands.Add(command);
        DurationFlags.AcceptIn(root);
        foreach (var help in root.Options.OfType<HelpOption>())
            help.Action = new HelpAction { MaxWidth = HelpWidth };
        return root;
    }

    /// <summary>Help wraps at 100 columns, or at a narrower terminal's edge, so that it reads as kubectl's does.</summary>
    private static int HelpWidth => Console.IsOutputRedirected || Console.WindowWidth <= 0 ? 100 : Math.Min(100, Console.WindowWidth);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, StoreConnector? stores = null, CancellationToken cancellationToken = default)
    {
        var parse = Build(output, stores).Parse(args);
        if (UsageProblem(parse) is { } problem)
        {
            await error.WriteLineAsync($"error: {problem}");
            await error.WriteLineAsync($"Run '{CommandPath(parse.CommandResult.Command)} --help' for usage.");
            return ExitCodes.Usage;
        }
        // Stopping pods gracefully can take several seconds; the default would end the process after two.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>
    /// The one problem worth reading: a mistyped verb, with the closest verb, rather than the parser's
    /// "required command was not provided" for it; otherwise the parser's first error.
    /// </summary>
    private static string? UsageProblem(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if ((FlagTakenAsArgument(parse) ?? UnmatchedFlag(parse)) is { } flag)
        {
            var options = command.Options.Concat(command.Parents.OfType<Command>().SelectMany(parent => parent.Options.Where(option => option.Recursive)));
            var guess = Suggestions.Closest(flag, options.SelectMany(option => option.Aliases.Append(option.Name)).Where(name => name.StartsWith("--")));
            return $"unknown flag \"{flag}\" for \"{CommandPath(command)}\"" + (guess is null ? "" : $"; did you mean \"{guess}\"?");
        }
        if (parse.Errors.Count == 0) return null;
        if (parse.UnmatchedTokens.FirstOrDefault() is { } typed && command.Subcommands.Count > 0 && !typed.StartsWith('-'))
        {
            var guess = Suggestions.Closest(typed, command.Subcommands.Where(sub => !sub.Hidden).Select(sub => sub.Name));
            return $"unknown command \"{typed}\" for \"{CommandPath(command)}\"" + (guess is null ? "" : $"; did you mean \"{guess}\"?");
        }
        return ParseErrorText.Describe(OneLine(parse.Errors[0].Message));
    }

    /// <summary>
    /// A mistyped flag that the parser accepted as a positional argument (<c>get pods --bogus</c> would
    /// otherwise look for a pod named "--bogus"). Anything after <c>--</c> is the user's to pass on.
    /// </summary>
    private static string? FlagTakenAsArgument(ParseResult parse)
    {
        var tokens = parse.Tokens.ToList();
        var doubleDash = tokens.FindIndex(token => token.Type == TokenType.DoubleDash);
        return parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(argument => argument.Tokens)
            .Where(token => doubleDash < 0 || tokens.IndexOf(token) < doubleDash)
            .Select(token => token.Value)
            .FirstOrDefault(value => value.Length > 1 && value[0] == '-' && char.IsLetter(value.TrimStart('-').FirstOrDefault()));
    }

    /// <summary>A flag the command does not know, which the parser would report as an "unrecognized command or argument".</summary>
    private static string? UnmatchedFlag(ParseResult parse) =>
        parse.UnmatchedTokens.FirstOrDefault(token => token.Length > 1 && token[0] == '-' && char.IsLetter(token.TrimStart('-').FirstOrDefault()));

    /// <summary>The parser lists allowed values on lines of their own; an error here is one line.</summary>
    private static string OneLine(string message) =>
        string.Join(" ", message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string CommandPath(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent ? $"{CommandPath(parent)} {command.Name}" : "gitorch";
}
