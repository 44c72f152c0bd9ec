using GitOrch.Engine;
using GitOrch.Store;

namespace GitOrch.Cli.Up;

/// <summary>
/// <c>up.pid</c> in gitorch's home: which process runs <c>gitorch up</c> there, so that a second
/// <c>up</c> is refused and <c>gitorch down</c> knows what to stop. A stale file is ignored.
/// </summary>
public static class UpPidFile
{
    public static string FilePath => Path.Combine(StoreLocator.Home, "up.pid");

    public static string LogPath => Path.Combine(StoreLocator.Home, "up.log");

    public static int? RunningPid() =>
        File.Exists(FilePath) && int.TryParse(File.ReadAllText(FilePath).Trim(), out var pid) && pid != Environment.ProcessId && LocalProcesses.IsRunning(pid)
            ? pid
            : null;

    public static void Claim()
    {
        if (RunningPid() is { } other)
            throw new InvalidOperationException($"gitorch up is already running here (pid {other}); 'gitorch down' stops it");
        Directory.CreateDirectory(StoreLocator.Home);
        File.WriteAllText(FilePath, Environment.ProcessId.ToString());
    }

    public static void Release()
    {
        if (File.Exists(FilePath) && File.ReadAllText(FilePath).Trim() == Environment.ProcessId.ToString())
            File.Delete(FilePath);
    }
}
