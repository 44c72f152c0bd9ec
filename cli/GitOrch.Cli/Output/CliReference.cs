using System.CommandLine;
using System.Text;

namespace GitOrch.Cli.Output;

/// <summary>The CLI reference in Markdown, walked from the command tree so it cannot drift from what the parser accepts.</summary>
public static class CliReference
{
    public static string Render(RootCommand root)
    {
        var text = new StringBuilder();
        text.AppendLine("# CLI reference");
        text.AppendLine();
        text.AppendLine("Generated from gitorch's command tree; `tests/GitOrch.Cli.Tests` fails when it is stale.");
        text.AppendLine("Regenerate it with `GITORCH_UPDATE_DOCS=1 dotnet test tests/GitOrch.Cli.Tests --filter CliReference`.");
        text.AppendLine();
        text.AppendLine("Flags every verb takes:");
        text.AppendLine();
        AppendOptions(text, root.Options.Where(option => option.Recursive));
        foreach (var command in root.Subcommands.Where(command => !command.Hidden))
            AppendCommand(text, command, "gitorch");
        return text.ToString();
    }

    private static void AppendCommand(StringBuilder text, Command command, string parentPath)
    {
        var path = $"{parentPath} {command.Name}";
        text.AppendLine($"## {path}");
        text.AppendLine();
        text.AppendLine(command.Description);
        text.AppendLine();
        var arguments = string.Concat(command.Arguments.Select(argument => argument.Arity.MinimumNumberOfValues == 0 ? $" [{argument.Name.ToUpperInvariant()}]" : $" {argument.Name.ToUpperInvariant()}"));
        text.AppendLine($"```\n{path}{(command.Subcommands.Count > 0 ? " COMMAND" : "")}{arguments}{(command.Options.Any(o => !o.Hidden && o.Name is not ("--help" or "-h")) ? " [flags]" : "")}\n```");
        text.AppendLine();
        if (command.Arguments.Count > 0)
        {
            text.AppendLine("| argument | description |");
            text.AppendLine("|---|---|");
            foreach (var argument in command.Arguments)
                text.AppendLine($"| `{argument.Name.ToUpperInvariant()}` | {Cell(argument.Description)} |");
            text.AppendLine();
        }
        AppendOptions(text, command.Options.Where(option => !option.Hidden && option.Name != "--help"));
        foreach (var sub in command.Subcommands.Where(sub => !sub.Hidden))
            AppendCommand(text, sub, path);
    }

    private static void AppendOptions(StringBuilder text, IEnumerable<Option> options)
    {
        var list = options.ToList();
        if (list.Count == 0) return;
        text.AppendLine("| flag | description |");
        text.AppendLine("|---|---|");
        foreach (var option in list)
        {
            var names = string.Join(", ", option.Aliases.Where(alias => alias.StartsWith('-')).OrderBy(alias => alias.Length).Append(option.Name).Select(name => $"`{name}`"));
            text.AppendLine($"| {names} | {Cell(option.Description)} |");
        }
        text.AppendLine();
    }

    private static string Cell(string? description) => (description ?? "").Replace("|", "\\|").ReplaceLineEndings(" ");
}
