using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>Probes and lifecycle hooks: one action each, a valid port, and timings of at least a second.</summary>
internal static class ProbeValidator
{
    /// <param name="singleSuccess">Liveness and startup probes take successThreshold 1 only, as in Kubernetes.</param>
    public static void Validate(Probe? probe, string path, bool singleSuccess, Checks checks)
    {
        if (probe is null) return;
        var actions = (probe.Exec is null ? 0 : 1) + (probe.HttpGet is null ? 0 : 1) + (probe.TcpSocket is null ? 0 : 1) + (probe.Grpc is null ? 0 : 1);
        checks.Require(actions == 1, path, "needs exactly one of exec, httpGet, tcpSocket, grpc");
        Actions(probe.Exec, probe.HttpGet, probe.TcpSocket, path, checks);
        if (probe.Grpc is not null) checks.Port(Child(Child(path, "grpc"), "port"), probe.Grpc.Port);
        checks.NotNegative(Child(path, "initialDelaySeconds"), probe.InitialDelaySeconds);
        checks.AtLeast(Child(path, "periodSeconds"), probe.PeriodSeconds, 1);
        checks.AtLeast(Child(path, "timeoutSeconds"), probe.TimeoutSeconds, 1);
        checks.AtLeast(Child(path, "failureThreshold"), probe.FailureThreshold, 1);
        checks.AtLeast(Child(path, "successThreshold"), probe.SuccessThreshold, 1);
        if (singleSuccess && probe.SuccessThreshold is > 1)
            checks.Fail(Child(path, "successThreshold"), $"{probe.SuccessThreshold} must be 1 for liveness and startup probes");
        checks.AtLeast(Child(path, "terminationGracePeriodSeconds"), probe.TerminationGracePeriodSeconds, 1);
    }

    public static void Handler(LifecycleHandler? handler, string path, Checks checks)
    {
        if (handler is null) return;
        var actions = (handler.Exec is null ? 0 : 1) + (handler.HttpGet is null ? 0 : 1) + (handler.TcpSocket is null ? 0 : 1) + (handler.Sleep is null ? 0 : 1);
        checks.Require(actions == 1, path, "needs exactly one of exec, httpGet, tcpSocket, sleep");
        Actions(handler.Exec, handler.HttpGet, handler.TcpSocket, path, checks);
        checks.NotNegative(Child(Child(path, "sleep"), "seconds"), handler.Sleep?.Seconds);
    }

    private static void Actions(ExecAction? exec, HttpGetAction? httpGet, TcpSocketAction? tcpSocket, string path, Checks checks)
    {
        if (exec is not null) checks.Require(exec.Command.Count > 0, Child(Child(path, "exec"), "command"), "needs at least one word");
        if (httpGet is not null)
        {
            checks.PortNumberOrName(Child(Child(path, "httpGet"), "port"), httpGet.Port);
            checks.OneOf(Child(Child(path, "httpGet"), "scheme"), httpGet.Scheme, "HTTP", "HTTPS");
        }
        if (tcpSocket is not null) checks.PortNumberOrName(Child(Child(path, "tcpSocket"), "port"), tcpSocket.Port);
    }
}
