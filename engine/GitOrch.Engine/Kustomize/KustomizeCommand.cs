using System.Diagnostics;
using System.Text.RegularExpressions;
using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Kustomize;

/// <summary>
/// Runs the real kustomize on a folder: a <c>kustomize</c> binary on the PATH, or else <c>kubectl kustomize</c>,
/// which includes it. Its output is the YAML stream to load; a failure is one line naming the kustomization.
/// </summary>
public static partial class KustomizeCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string[]?> Command = new(Find);

    /// <param name="checkout">The directory the repository was written to; error messages name paths inside it as the repository does.</param>
    public static byte[] Build(string checkout, string folder, string kustomizationPath)
    {
        var command = Command.Value ?? throw new ManifestException(kustomizationPath, 1, 1,
            "no kustomize on the PATH to render this kustomization: install kustomize, or kubectl (which includes it)");
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1).Append(Path.Combine(checkout, folder))) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new ManifestException(kustomizationPath, 1, 1, $"kustomize did not finish in {Timeout.TotalSeconds:0}s");
        }
        copy.Wait();
        if (process.ExitCode != 0)
            throw new ManifestException(kustomizationPath, 1, 1, $"kustomize: {Message(error.Result).Replace(checkout + "/", "", StringComparison.Ordinal)}");
        return output.ToArray();
    }

    /// <summary>The first line kustomize printed, without kubectl's log prefix ('E1201 12:00:00 run.go:72] "command failed" err=').</summary>
    private static string Message(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "failed with no message";
        if (LogPrefix().Match(line) is { Success: true } logged) line = Regex.Unescape(logged.Groups[1].Value);
        return line.StartsWith("Error: ", StringComparison.Ordinal) ? line["Error: ".Length..] : line;
    }

    [GeneratedRegex(@"^[EWIF]\d{4} .*?\] ""command failed"" err=""(.*)""$")]
    private static partial Regex LogPrefix();

    private static string[]? Find()
    {
        if (OnPath("kustomize") is { } kustomize) return [kustomize, "build"];
        if (OnPath("kubectl") is { } kubectl) return [kubectl, "kustomize"];
        return null;
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
