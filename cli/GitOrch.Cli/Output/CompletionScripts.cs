namespace GitOrch.Cli.Output;

/// <summary>
/// Each shell's completion script. All of them pass the line typed so far and the cursor position to
/// <c>gitorch [suggest:POSITION] LINE</c> and offer what it prints, one candidate a line.
/// </summary>
public static class CompletionScripts
{
    public static string For(string shell) => shell switch
    {
        "bash" => """
            # gitorch completion for bash: source <(gitorch completion bash)
            _gitorch_complete() {
              local IFS=$'\n'
              local line="${COMP_LINE:0:$COMP_POINT}"
              COMPREPLY=( $(compgen -W "$(gitorch "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
            }
            complete -o default -F _gitorch_complete gitorch

            """,
        "zsh" => """
            #compdef gitorch
            # gitorch completion for zsh: source <(gitorch completion zsh)
            _gitorch() {
              local line="${words[1,CURRENT]}"
              local -a candidates
              candidates=("${(@f)$(gitorch "[suggest:${#line}]" "$line" 2>/dev/null)}")
              compadd -a candidates
            }
            if (( $+functions[compdef] )); then compdef _gitorch gitorch; fi

            """,
        "fish" => """
            # gitorch completion for fish: gitorch completion fish | source
            function __gitorch_complete
                set -l line (commandline -cp)
                gitorch "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
            end
            complete -c gitorch -f -a '(__gitorch_complete)'

            """,
        "pwsh" => """
            # gitorch completion for PowerShell: gitorch completion pwsh | Out-String | Invoke-Expression
            Register-ArgumentCompleter -Native -CommandName gitorch -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                $line = $commandAst.ToString()
                $position = $cursorPosition - $commandAst.Extent.StartOffset
                if ($line.Length -lt $position) { $line = $line.PadRight($position) }
                gitorch "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }

            """,
        _ => throw new ArgumentException($"unknown shell \"{shell}\" (known: bash, zsh, fish, pwsh)"),
    };
}
