using System.CommandLine;
using GitOrch.Agent;
using GitOrch.Cli.Contexts;
using GitOrch.Store;

namespace GitOrch.Cli;

/// <summary>
/// Runs a verb's action and turns every failure into one line on stderr (one per error, for a commit
/// with several bad files) and an exit code. With
/// <c>--verbose</c> the whole exception, stack trace included, follows that line.
/// </summary>
public static class CommandRunner
{
    /// <param name="errorCode">When set, every error exits with it, as <c>diff</c> needs: 1 there means "changes".</param>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action, int? errorCode = null) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }
            catch (Exception e)
            {
                var error = parse.InvocationConfiguration.Error;
                foreach (var line in e.Message.Split('\n'))
                    await error.WriteLineAsync($"error: {line}");
                if (parse.GetValue(CommonOptions.Verbose))
                    await error.WriteLineAsync(e.ToString());
                return errorCode ?? ExitCodeFor(e);
            }
        });

    private static int ExitCodeFor(Exception e) => e switch
    {
        StoreUnavailableException or RuntimeUnavailableException => ExitCodes.Unreachable,
        ArgumentException or FormatException or ConfigException => ExitCodes.Usage,
        PermissionDeniedException => ExitCodes.Forbidden,
        _ => ExitCodes.Failure, // a bad manifest, a conflict, an object not found, or anything unforeseen
    };
}
