using GitOrch.Store;

namespace GitOrch.Cli;

/// <summary>
/// The node name <c>agent</c> and <c>up</c> take when <c>--node</c> is not given: the host name and a
/// short id of the machine. Machines or containers that share a host name still get different names,
/// and one machine keeps its name across restarts.
/// </summary>
public static class DefaultNodeName
{
    private const int SuffixLength = 6;
    private const int MaxLength = 63;

    public static string Current() => For(Environment.MachineName, MachineId());

    /// <summary>A DNS label: the host name in lower case, other characters as '-', then '-' and the id's first characters.</summary>
    public static string For(string hostName, string machineId)
    {
        var label = new string(hostName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        if (label.Length == 0) label = "node";
        var room = MaxLength - SuffixLength - 1;
        return $"{label[..Math.Min(label.Length, room)].TrimEnd('-')}-{machineId[..SuffixLength]}";
    }

    /// <summary>The system's machine id, or else one generated once and kept in gitorch's home.</summary>
    private static string MachineId()
    {
        foreach (var path in new[] { "/etc/machine-id", "/var/lib/dbus/machine-id" })
            if (ReadId(path) is { } id) return id;
        var kept = Path.Combine(StoreLocator.Home, "machine-id");
        if (ReadId(kept) is { } keptId) return keptId;
        Directory.CreateDirectory(StoreLocator.Home);
        var generated = Guid.NewGuid().ToString("N");
        File.WriteAllText(kept, generated + "\n");
        return generated;
    }

    private static string? ReadId(string path)
    {
        if (!File.Exists(path)) return null;
        var id = File.ReadAllText(path).Trim().ToLowerInvariant();
        return id.Length >= SuffixLength && id.All(char.IsAsciiHexDigit) ? id : null;
    }
}
