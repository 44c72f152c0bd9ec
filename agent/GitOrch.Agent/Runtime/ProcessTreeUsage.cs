using System.Globalization;

namespace GitOrch.Agent.Runtime;

/// <summary>
/// The CPU time and resident memory of a process and all its descendants, from /proc: a container on
/// the process runtime is the process it started and whatever that one started.
/// </summary>
public static class ProcessTreeUsage
{
    /// <summary>Linux reports CPU time in clock ticks of 1/100 s on every platform .NET runs on.</summary>
    private const int TicksPerSecond = 100;

    public static ContainerUsage? Of(int rootPid)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var processes = new Dictionary<int, (int Parent, long CpuTicks, long ResidentPages)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } process)
                processes[pid] = process;
        if (!processes.ContainsKey(rootPid)) return null;
        var children = processes.ToLookup(pair => pair.Value.Parent, pair => pair.Key);
        var (cpuTicks, pages) = (0L, 0L);
        var pending = new Stack<int>([rootPid]);
        while (pending.TryPop(out var pid))
        {
            cpuTicks += processes[pid].CpuTicks;
            pages += processes[pid].ResidentPages;
            foreach (var child in children[pid]) pending.Push(child);
        }
        return new ContainerUsage(TimeSpan.FromSeconds((double)cpuTicks / TicksPerSecond), pages * Environment.SystemPageSize);
    }

    /// <summary>Fields 4 (parent), 14 and 15 (user and system ticks) and 24 (resident pages) of /proc/PID/stat; null for a process that just went.</summary>
    private static (int Parent, long CpuTicks, long ResidentPages)? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name, in parentheses, may hold spaces; the fields after it are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
            return ((int)Field(4), Field(14) + Field(15), Field(24));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
