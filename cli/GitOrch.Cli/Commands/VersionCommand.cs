using System.CommandLine;
using System.Reflection;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch version</c>: the release and the commit it was built from (the build stamps both into the assembly).</summary>
public static class VersionCommand
{
    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static string Describe()
    {
        var parts = Version.Split('+', 2);
        return parts.Length == 2 ? $"gitorch {parts[0]} (commit {parts[1]})" : $"gitorch {parts[0]}";
    }

    public static Command Create(TextWriter output)
    {
        var command = new Command("version", "Print gitorch's version and the commit it was built from");
        command.SetAction(_ => output.WriteLine(Describe()));
        return command;
    }
}
