using GitOrch.Api.Model;

namespace GitOrch.Agent.Probes;

public enum ProbeKind { Liveness, Readiness, Startup }

/// <summary>
/// Runs one probe of one container on its period and turns single results into a verdict through
/// the success and failure thresholds. Liveness starts out passing; readiness and startup start out failing.
/// </summary>
public sealed class ProbeWorker(ProbeKind kind, Probe probe, ProbeTarget target, ActionRunner runner, TimeProvider clock)
{
    private int _successes;
    private int _failures;

    public ProbeKind Kind => kind;
    public bool Passing { get; private set; } = kind == ProbeKind.Liveness;
    public string LastFailure { get; private set; } = "";

    /// <summary>A liveness or startup probe has failed its threshold: the container must be restarted.</summary>
    public bool WantsRestart { get; private set; }

    /// <summary>Raised when <see cref="Passing"/> flips.</summary>
    public event Action<ProbeWorker>? Changed;

    public async Task RunAsync(Func<bool> mayRun, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10));
        var timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1));
        var successThreshold = Math.Max(1, probe.SuccessThreshold ?? 1);
        var failureThreshold = Math.Max(1, probe.FailureThreshold ?? 3);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(probe.InitialDelaySeconds ?? 0), clock, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (mayRun())
                {
                    var (success, message) = await runner.RunAsync(probe.Exec, probe.HttpGet, probe.TcpSocket, probe.Grpc, target, timeout, cancellationToken);
                    _successes = success ? _successes + 1 : 0;
                    _failures = success ? 0 : _failures + 1;
                    if (!success) LastFailure = message;
                    if (success && !Passing && _successes >= successThreshold)
                        Flip(true);
                    else if (!success && _failures >= failureThreshold && (Passing || kind == ProbeKind.Startup))
                    {
                        WantsRestart = kind != ProbeKind.Readiness;
                        Flip(false);
                    }
                    // A liveness or startup verdict is final for this container: it is restarted or it has started.
                    if (WantsRestart || (kind == ProbeKind.Startup && Passing)) break;
                }
                await Task.Delay(period, clock, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Flip(bool passing)
    {
        Passing = passing;
        Changed?.Invoke(this);
    }
}
