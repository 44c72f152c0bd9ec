using System.Runtime.InteropServices;

namespace GitOrch.TestSupport;

public static class Signals
{
    private const int Sigterm = 15;

    /// <summary>
    /// Asks a process to stop cleanly, as a service manager does. SIGTERM, not SIGINT: a shell without
    /// job control (CI's) starts background commands with SIGINT ignored, their children inherit that,
    /// and a process so started would never see a Ctrl-C.
    /// </summary>
    public static void Terminate(int pid) => _ = Kill(pid, Sigterm);

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
