using System.CommandLine;
using GitOrch.Agent;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Git;
using GitOrch.Store;

namespace GitOrch.Cli;

/// <summary>Runs a verb's action and turns each known failure into one line on stderr and an exit code.</summary>
public static class CommandRunner
{
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
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
                return ExitCodes.Unreachable;
            }
            catch (Exception e) when (e is ManifestException or GitSourceException or ConflictException or NotFoundException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Failure;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }
        });
}
