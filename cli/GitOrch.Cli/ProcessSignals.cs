using System.Runtime.InteropServices;

namespace GitOrch.Cli;

/// <summary>Signals another process, which .NET has no managed call for: to stop as Ctrl-C would (SIGTERM), or to reload (SIGHUP).</summary>
public static class ProcessSignals
{
    private const int Sighup = 1;
    private const int Sigterm = 15;

    /// <param name="pid">A process, or with a minus sign, every process of that process group.</param>
    public static void Terminate(int pid) => Send(pid, Sigterm);

    public static void Reload(int pid) => Send(pid, Sighup);

    private static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
            throw new InvalidOperationException($"cannot signal process {pid}: error {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
