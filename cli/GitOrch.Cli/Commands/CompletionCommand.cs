using System.CommandLine;
using GitOrch.Cli.Output;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch completion SHELL</c>: a script that completes verbs, flags and kinds by asking gitorch
/// itself (the parser's <c>[suggest]</c> directive), so completions never fall behind the command tree.
/// </summary>
public static class CompletionCommand
{
    public static Command Create(TextWriter output)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh, fish or pwsh" }.AcceptOnlyFromAmong("bash", "zsh", "fish", "pwsh");
        var command = new Command("completion", "Print a shell completion script; for bash: source <(gitorch completion bash)") { shell };
        command.SetAction(parse => output.Write(CompletionScripts.For(parse.GetValue(shell)!)));
        return command;
    }
}
