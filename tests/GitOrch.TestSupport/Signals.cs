using System.Runtime.InteropServices;

namespace GitOrch.TestSupport;

public static class Signals
{
    private const int Sigint = 2;

    private const int Sigterm = 15;

    public static void Interrupt(int pid) => _ = Kill(pid, Sigint);

    /// <summary>SIGTERM, which gitorch handles as it handles Ctrl-C; a negative pid signals that process group.</summary>
    public static void Terminate(int pid) => _ = Kill(pid, Sigterm);

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
