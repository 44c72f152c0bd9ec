using GitOrch.Engine.Git;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOrch.Api.Model;
using GitOrch.Engine.Charts.GoTemplates;
using static GitOrch.Engine.Charts.Sprig.SprigConvert;
using GitOrch.Engine.Charts.Sources;

namespace GitOrch.Engine.Charts.Helm;

/// <summary>
/// The objects a Helm template sees besides .Values: .Release, .Chart, .Capabilities, .Files, and
/// .Template, which names the template being rendered.
/// </summary>
public static class HelmObjects
{
    /// <summary>The Kubernetes version charts are told they render for; GitOrch serves these APIs.</summary>
    public const string KubeVersion = "v1.32.0";

    public static Dictionary<string, object?> Top(IChartFiles chart, ChartMetadata metadata, string releaseName, string releaseNamespace, JsonObject values) => new()
    {
        ["Values"] = HelmValues.FromJson(values),
        ["Release"] = new Dictionary<string, object?>
        {
            ["Name"] = releaseName,
            ["Namespace"] = releaseNamespace,
            ["IsInstall"] = true,
            ["IsUpgrade"] = false,
            ["Revision"] = 1L,
            ["Service"] = "Helm",
        },
        ["Chart"] = Chart(metadata),
        ["Capabilities"] = Capabilities(),
        ["Files"] = Files(chart, chart.ListAllFiles().Where(IsPlainFile).ToList()),
    };

    /// <summary>The same objects with .Template set for one template file.</summary>
    public static Dictionary<string, object?> ForTemplate(Dictionary<string, object?> top, string templateName, string basePath) =>
        new(top) { ["Template"] = new Dictionary<string, object?> { ["Name"] = templateName, ["BasePath"] = basePath } };

    /// <summary>Chart.yaml's fields under Helm's names: name as Name, apiVersion as APIVersion, appVersion as AppVersion.</summary>
    private static Dictionary<string, object?> Chart(ChartMetadata metadata) =>
        metadata.Fields.ToDictionary(
            pair => pair.Key == "apiVersion" ? "APIVersion" : char.ToUpperInvariant(pair.Key[0]) + pair.Key[1..],
            pair => HelmValues.FromJson(pair.Value));

    private static Dictionary<string, object?> Capabilities()
    {
        var served = Kinds.All.SelectMany(kind => kind.ServedApiVersions.SelectMany(version => new[] { version, $"{version}/{kind.Kind}" }))
            .ToHashSet(StringComparer.Ordinal);
        return new Dictionary<string, object?>
        {
            ["KubeVersion"] = new Dictionary<string, object?>
            {
                ["Version"] = KubeVersion,
                ["GitVersion"] = KubeVersion,
                ["Major"] = "1",
                ["Minor"] = "32",
            },
            ["APIVersions"] = new Dictionary<string, object?>
            {
                ["Has"] = new GoMethod("Has", a => a.Length == 1 ? served.Contains(ToText(a[0])) : throw new GoFunctionException("wrong number of args for Has: want 1")),
            },
            ["HelmVersion"] = new Dictionary<string, object?> { ["Version"] = "v3.16.0" },
        };
    }

    private static bool IsPlainFile(string path) =>
        !path.StartsWith("templates/", StringComparison.Ordinal) && !path.StartsWith("charts/", StringComparison.Ordinal)
        && path is not (ChartMetadata.FileName or ChartOutput.ValuesFile or HelmChartChecks.SchemaFile or ".helmignore");

    /// <summary>.Files, or the subset a Glob picked: Get, GetBytes, Glob, Lines, AsConfig and AsSecrets.</summary>
    private static Dictionary<string, object?> Files(IChartFiles chart, IReadOnlyList<string> paths)
    {
        string Read(string path) => paths.Contains(path) ? chart.ReadText(path) ?? "" : "";
        // Helm gives "" for a path that leaves the chart; naming it tells the author why nothing came back.
        string ReadArgument(string method, object?[] arguments)
        {
            var path = ToText(arguments.FirstOrDefault());
            return path.StartsWith('/') || RepositoryLayout.Resolve("", path) is null
                ? throw new GoFunctionException($".Files.{method} \"{path}\" is outside the chart; a template reads only its chart's files")
                : Read(path);
        }
        return new Dictionary<string, object?>
        {
            ["Get"] = new GoMethod("Get", a => ReadArgument("Get", a)),
            ["GetBytes"] = new GoMethod("GetBytes", a => ReadArgument("GetBytes", a)),
            ["Lines"] = new GoMethod("Lines", a => ReadArgument("Lines", a).Split('\n').Cast<object?>().ToList()),
            ["Glob"] = new GoMethod("Glob", a => Files(chart, paths.Where(path => Glob(ToText(a.FirstOrDefault())).IsMatch(path)).ToList())),
            ["AsConfig"] = new GoMethod("AsConfig", _ => HelmYaml.Write(paths.ToDictionary(path => Path.GetFileName(path), path => (object?)Read(path)))),
            ["AsSecrets"] = new GoMethod("AsSecrets", _ => HelmYaml.Write(paths.ToDictionary(path => Path.GetFileName(path), path => (object?)Convert.ToBase64String(Encoding.UTF8.GetBytes(Read(path)))))),
        };
    }

    /// <summary>A glob as Helm's Files.Glob reads it: * within a folder, ** across folders, ? one character, {a,b} alternatives.</summary>
    private static Regex Glob(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else regex.Append(c switch
            {
                '*' => "[^/]*",
                '?' => "[^/]",
                '{' => "(?:",
                '}' => ")",
                ',' => "|",
                _ => Regex.Escape(c.ToString()),
            });
        }
        return new Regex(regex.Append('$').ToString());
    }
}
