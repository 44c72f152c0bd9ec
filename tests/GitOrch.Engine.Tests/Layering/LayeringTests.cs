using System.Text.RegularExpressions;
using System.Xml.Linq;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests.Layering;

/// <summary>
/// The layering docs/architecture.md describes: Api knows no store; Engine and Agent never reference
/// each other; only the CLI composes them, and it and the dashboard reach the sync through GitOps alone; and no folder of a project uses a folder that uses it back.
/// A project's root namespace is not a folder: it holds what composes the folders (ControlPlane,
/// NodeAgent, StoreLocator) and what they all share.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string Root = RepositoryRoot.Path;

    private static readonly Dictionary<string, string> Projects = new()
    {
        ["GitOrch.Api"] = "engine/GitOrch.Api",
        ["GitOrch.Store"] = "engine/GitOrch.Store",
        ["GitOrch.Engine"] = "engine/GitOrch.Engine",
        ["GitOrch.Agent"] = "agent/GitOrch.Agent",
        ["GitOrch.Cli"] = "cli/GitOrch.Cli",
        ["GitOrch.Dashboard"] = "cli/GitOrch.Dashboard",
    };

    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Uses =
        SourceNamespaces.Of(Projects.Values.Select(folder => Path.Combine(Root, folder)));

    [Theory]
    [InlineData("GitOrch.Api", new string[0])]
    [InlineData("GitOrch.Store", new[] { "GitOrch.Api" })]
    [InlineData("GitOrch.Engine", new[] { "GitOrch.Store" })]
    [InlineData("GitOrch.Agent", new[] { "GitOrch.Store" })]
    [InlineData("GitOrch.Dashboard", new[] { "GitOrch.Engine" })]
    [InlineData("GitOrch.Cli", new[] { "GitOrch.Agent", "GitOrch.Dashboard", "GitOrch.Engine" })]
    public void EachProjectReferencesOnlyTheLayersBelowIt(string project, string[] expected)
    {
        var file = Path.Combine(Root, Projects[project], $"{project}.csproj");
        var references = XDocument.Load(file).Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, references);
    }

    [Theory]
    [InlineData("GitOrch.Api", new[] { "GitOrch.Store", "GitOrch.Engine", "GitOrch.Agent", "GitOrch.Cli", "GitOrch.Dashboard" })]
    [InlineData("GitOrch.Store", new[] { "GitOrch.Engine", "GitOrch.Agent", "GitOrch.Cli", "GitOrch.Dashboard" })]
    [InlineData("GitOrch.Engine", new[] { "GitOrch.Agent", "GitOrch.Cli", "GitOrch.Dashboard" })]
    [InlineData("GitOrch.Agent", new[] { "GitOrch.Engine", "GitOrch.Cli", "GitOrch.Dashboard" })]
    [InlineData("GitOrch.Dashboard", new[] { "GitOrch.Agent", "GitOrch.Cli" })]
    public void NoSourceUsesANamespaceItMustNotKnow(string project, string[] forbidden)
    {
        var offences = Uses.Where(pair => InProject(pair.Key, project))
            .SelectMany(pair => pair.Value.Where(used => forbidden.Any(other => InProject(used, other))).Select(used => $"{pair.Key} uses {used}"))
            .ToList();
        Assert.Empty(offences);
    }

    [Theory]
    [InlineData("GitOrch.Api")]
    [InlineData("GitOrch.Store")]
    [InlineData("GitOrch.Engine")]
    [InlineData("GitOrch.Agent")]
    [InlineData("GitOrch.Dashboard")]
    public void NoFolderCycles(string project)
    {
        var graph = Uses.Where(pair => InFolderOf(pair.Key, project))
            .ToDictionary(pair => pair.Key, pair => pair.Value.Where(used => InFolderOf(used, project)).ToList());
        Assert.Empty(NamespaceCycles.Find(graph));
    }

    /// <summary>The parts GitOps composes; a CLI verb that named one would be composing the sync itself.</summary>
    [Theory]
    [InlineData("Applier")]
    [InlineData("ApplyTarget")]
    [InlineData("DesiredStateLoader")]
    [InlineData("Rollback")]
    [InlineData("DriftDetector")]
    [InlineData("ReleaseStore")]
    [InlineData("SyncState")]
    [InlineData("LiveObjects")]
    public void TheCliAndTheDashboardReachTheSyncOnlyThroughGitOps(string part)
    {
        var files = new[] { "GitOrch.Cli", "GitOrch.Dashboard" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(Root, Projects[project]), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(folder => folder is "obj" or "bin"))
            .Where(path => Regex.IsMatch(Regex.Replace(File.ReadAllText(path), @"///.*", ""), $@"\b{part}\b"))
            .Select(path => Path.GetRelativePath(Root, path));
        Assert.Empty(files);
    }

    [Fact]
    public void TheGraphSeesTheEngineFolders()
    {
        Assert.Contains("GitOrch.Engine.Planning", Uses["GitOrch.Engine.Sync"]);
        Assert.Contains("GitOrch.Engine.Reconciling", Uses["GitOrch.Engine.Controllers"]);
    }

    private static bool InProject(string ns, string project) => ns == project || InFolderOf(ns, project);

    private static bool InFolderOf(string ns, string project) => ns.StartsWith(project + ".", StringComparison.Ordinal);
}
