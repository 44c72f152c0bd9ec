using System.Text.RegularExpressions;

namespace GitOrch.Engine.Tests.Layering;

/// <summary>
/// Which GitOrch namespaces each source namespace uses, read from the source files: its <c>using</c>
/// directives and fully qualified names, plus any enclosing namespace whose types a file names
/// without one (C# finds those without a directive).
/// </summary>
public static partial class SourceNamespaces
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(IEnumerable<string> projectFolders)
    {
        var files = projectFolders.SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .Select(File.ReadAllText)
            .Select(text => (Text: text, Namespace: NamespaceDeclaration().Match(text).Groups[1].Value))
            .Where(file => file.Namespace.Length > 0)
            .ToList();
        var declared = files.GroupBy(file => file.Namespace)
            .ToDictionary(group => group.Key, group => group.SelectMany(file => TypeDeclaration().Matches(file.Text).Select(m => m.Groups[1].Value)).ToHashSet());
        var uses = new Dictionary<string, HashSet<string>>();
        foreach (var (text, ns) in files)
        {
            var used = uses.TryGetValue(ns, out var set) ? set : uses[ns] = [];
            used.UnionWith(DottedName().Matches(text).Select(m => LongestKnownPrefix(m.Value, declared.Keys)).OfType<string>());
            foreach (var enclosing in Enclosing(ns).Where(declared.ContainsKey))
                if (declared[enclosing].Any(type => Regex.IsMatch(text, $@"\b{type}\b")))
                    used.Add(enclosing);
        }
        foreach (var (ns, used) in uses) used.Remove(ns);
        return uses.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value);
    }

    private static string? LongestKnownPrefix(string name, IEnumerable<string> namespaces) =>
        namespaces.Where(ns => name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal)).MaxBy(ns => ns.Length);

    private static IEnumerable<string> Enclosing(string ns)
    {
        for (var dot = ns.LastIndexOf('.'); dot > 0; dot = ns.LastIndexOf('.', dot - 1))
            yield return ns[..dot];
    }

    [GeneratedRegex(@"^namespace (GitOrch[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"(?<![\w.])GitOrch(?:\.\w+)+")]
    private static partial Regex DottedName();

    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|static|abstract|readonly|partial)\s+)*(?:record\s+struct|record\s+class|class|record|struct|interface|enum)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
