namespace GitOrch.Engine.Tests.Layering;

/// <summary>The cycles of a "uses" graph, each as the path that closes it, found by depth-first search.</summary>
public static class NamespaceCycles
{
    public static IReadOnlyList<string> Find(IReadOnlyDictionary<string, List<string>> graph)
    {
        var cycles = new List<string>();
        var finished = new HashSet<string>();
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
            Visit(start, graph, path, finished, cycles);
        return cycles;
    }

    private static void Visit(string node, IReadOnlyDictionary<string, List<string>> graph, List<string> path, HashSet<string> finished, List<string> cycles)
    {
        if (finished.Contains(node)) return;
        if (path.IndexOf(node) is var at and >= 0)
        {
            cycles.Add(string.Join(" -> ", path.Skip(at).Append(node)));
            return;
        }
        path.Add(node);
        foreach (var next in graph.GetValueOrDefault(node) ?? [])
            Visit(next, graph, path, finished, cycles);
        path.RemoveAt(path.Count - 1);
        finished.Add(node);
    }
}
