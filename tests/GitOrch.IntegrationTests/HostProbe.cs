using System.Diagnostics;

namespace GitOrch.IntegrationTests;

/// <summary>Looks at the real Docker daemon and the host's processes, independently of gitorch.</summary>
public static class HostProbe
{
    /// <summary>The node's running app containers; each pod's sandbox container is not counted.</summary>
    public static async Task<int> RunningContainersAsync(string nodeName)
    {
        var output = await RunAsync("docker", "ps", "-q", "--filter", $"label=gitorch.io/node={nodeName}", "--filter", "label=gitorch.io/role=app");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    /// <summary>The node's app containers, running or not.</summary>
    public static async Task<int> AllContainersAsync(string nodeName)
    {
        var output = await RunAsync("docker", "ps", "-aq", "--filter", $"label=gitorch.io/node={nodeName}", "--filter", "label=gitorch.io/role=app");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    /// <summary>Removes every container of the node, for a test whose agent was killed and cannot clean up.</summary>
    public static async Task RemoveContainersAsync(string nodeName)
    {
        var ids = (await RunAsync("docker", "ps", "-aq", "--filter", $"label=gitorch.io/node={nodeName}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > 0) await RunAsync("docker", ["rm", "-f", .. ids]);
    }

    public static int ProcessesWithCommandLine(string commandLine) =>
        Directory.EnumerateDirectories("/proc")
            .Select(directory => Path.Combine(directory, "cmdline"))
            .Count(file => TryRead(file) == commandLine);

    private static string? TryRead(string file)
    {
        try
        {
            return File.ReadAllText(file).Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments) => (await CommandAsync(program, arguments)).Output;

    /// <summary>Runs a host program to completion; <paramref name="environment"/> adds variables such as DOCKER_HOST.</summary>
    public static async Task<GitOrch.TestSupport.CommandResult> CommandAsync(string program, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new GitOrch.TestSupport.CommandResult(process.ExitCode, await output, await error);
    }
}
