using System.Runtime.InteropServices;

namespace GitOrch.TestSupport;

public static class Signals
{
    private const int Sigint = 2;

    public static void Interrupt(int pid) => _ = Kill(pid, Sigint);

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
