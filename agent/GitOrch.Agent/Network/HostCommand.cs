using System.Diagnostics;

namespace GitOrch.Agent.Network;

/// <summary>Runs one of the host's network tools (ip, iptables) and returns its exit code and what it printed.</summary>
public static class HostCommand
{
    public static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd() + stderr.Result;
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    /// <summary>Runs the command and returns its output; a non-zero exit is a failure naming the command.</summary>
    public static string Check(string file, params string[] arguments)
    {
        var (exitCode, output) = Run(file, arguments);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: {output.Trim()}");
    }
}
