using System.CommandLine;
using GitOrch.Agent;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Git;
using GitOrch.Store;

namespace GitOrch.Cli;

/// <summary>Runs a verb's action and turns each known failure into one line on stderr and an exit code.</summary>
public static class CommandRunner
{
    /// <param name="errorCode">When set, every error exits with it, as <c>diff</c> needs: 1 there means "changes".</param>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action, int? errorCode = null) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is StoreUnavailableException or RuntimeUnavailableException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return errorCode ?? ExitCodes.Unreachable;
            }
            catch (Exception e) when (e is ManifestException or GitSourceException or ConflictException or NotFoundException or AgentAnswerException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return errorCode ?? ExitCodes.Failure;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return errorCode ?? ExitCodes.Usage;
            }
        });
}
