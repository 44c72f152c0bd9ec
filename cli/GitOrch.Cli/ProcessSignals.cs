using System.Runtime.InteropServices;

namespace GitOrch.Cli;

/// <summary>Asks another process to stop as Ctrl-C would (SIGTERM), which .NET has no managed call for.</summary>
public static class ProcessSignals
{
    private const int Sigterm = 15;

    /// <param name="pid">A process, or with a minus sign, every process of that process group.</param>
    public static void Terminate(int pid)
    {
        if (Kill(pid, Sigterm) != 0)
            throw new InvalidOperationException($"cannot signal process {pid}: error {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
