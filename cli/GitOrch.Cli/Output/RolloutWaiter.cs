using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Cli.Output;

/// <summary>
/// Follows a Deployment's rollout until it ends, printing each change of state and, during a Canary or
/// BlueGreen release, the traffic each version got. Exit code 0 on success, 1 on failure, abort or timeout.
/// </summary>
public sealed class RolloutWaiter(ObjectClient client, TextWriter output, TextWriter error)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MetricsInterval = TimeSpan.FromSeconds(5);

    /// <param name="watch">False prints where the rollout stands once and exits 0 unless it failed.</param>
    public async Task<int> WaitAsync(Deployment deployment, TimeSpan? timeout, bool watch, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit) deadline.CancelAfter(limit);
        var metrics = new ReleaseMetrics(client);
        var lastMetrics = DateTimeOffset.UtcNow;
        string? last = null;
        try
        {
            while (true)
            {
                var (done, failed, message) = RolloutProgress.Describe(deployment);
                if (message != last) await (failed ? error : output).WriteLineAsync(failed ? $"error: {message}" : message);
                last = message;
                if (done || !watch)
                {
                    foreach (var line in ReleaseMetrics.Measurements(deployment)) await output.WriteLineAsync(line);
                    return failed ? ExitCodes.Failure : ExitCodes.Success;
                }
                if (deployment.Status?.Rollout?.CanaryHash is not null && DateTimeOffset.UtcNow - lastMetrics >= MetricsInterval)
                {
                    foreach (var line in await metrics.SinceLastAsync(deployment, deadline.Token)) await output.WriteLineAsync(line);
                    lastMetrics = DateTimeOffset.UtcNow;
                }
                await Task.Delay(PollInterval, deadline.Token);
                deployment = await client.GetAsync<Deployment>(deployment.Namespace, deployment.Name, deadline.Token)
                             ?? throw new NotFoundException($"deployment \"{deployment.Name}\" in namespace {deployment.Namespace}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"error: timed out after {timeout} waiting for deployment \"{deployment.Name}\" to roll out");
            return ExitCodes.Failure;
        }
    }
}
