using System.CommandLine;
using System.Reflection;

namespace GitOrch.Cli.Commands;

public static class VersionCommand
{
    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static Command Create(TextWriter output)
    {
        var command = new Command("version", "Print the version of gitorch");
        command.SetAction(_ => output.WriteLine($"gitorch {Version}"));
        return command;
    }
}
