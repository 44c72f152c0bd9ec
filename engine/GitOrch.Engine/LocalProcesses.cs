using System.Diagnostics;

namespace GitOrch.Engine;

/// <summary>Whether a process on this machine is still alive, for locks and pid files that name their holder.</summary>
public static class LocalProcesses
{
    public static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
