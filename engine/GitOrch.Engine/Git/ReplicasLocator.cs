using System.Globalization;
using GitOrch.Api.Model;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using static GitOrch.Engine.Git.YamlText;

namespace GitOrch.Engine.Git;

/// <summary>
/// Finds where a workload's replica count is declared in Git and edits just that: its manifest's
/// <c>spec.replicas</c> (added when absent), a kustomization's <c>replicas</c> entry (added when absent),
/// or the chart value (<c>replicaCount</c> or <c>replicas</c>) that holds the current count.
/// </summary>
public sealed class ReplicasLocator(ManifestRepository source)
{
    public FileEdit InManifest(string path, KubeObject workload, int replicas)
    {
        var text = BranchCommit.ReadAtHeadOrThrow(source, path);
        var document = Declaring(text, path, workload.Kind, workload.Name)
                       ?? throw new GitSourceException($"{path} does not declare {workload.Kind} \"{workload.Name}\" at the branch tip");
        if (Child(document, "spec") is not YamlMappingNode spec)
            throw new GitSourceException($"{path}: {workload.Kind} \"{workload.Name}\" has no spec mapping to set replicas in");
        return Child(spec, "replicas") is YamlScalarNode current
            ? FileEdit.OfScalar(path, text, "spec.replicas", current, Text(replicas))
            : InsertedFirst(path, text, spec, "spec.replicas", $"replicas: {Text(replicas)}", replicas);
    }

    public FileEdit InKustomization(string path, string name, int replicas)
    {
        var text = BranchCommit.ReadAtHeadOrThrow(source, path);
        var root = Documents(text, path).FirstOrDefault() as YamlMappingNode ?? throw new GitSourceException($"{path} is not a kustomization mapping");
        // kustomize matches a replicas entry by the name before this kustomization's prefix and suffix.
        var (prefix, suffix) = (Scalar(root, "namePrefix") ?? "", Scalar(root, "nameSuffix") ?? "");
        var declared = name.Length > prefix.Length + suffix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal)
            ? name[prefix.Length..^suffix.Length]
            : name;
        return InReplicasList(path, text, root, declared, replicas);
    }

    private static FileEdit InReplicasList(string path, string text, YamlMappingNode root, string name, int replicas)
    {
        if (Child(root, "replicas") is not YamlSequenceNode list)
        {
            var ending = text.EndsWith('\n') ? "" : "\n";
            return new FileEdit(path, "replicas", "", Text(replicas), text, $"{text}{ending}replicas:\n- name: {name}\n  count: {Text(replicas)}\n");
        }
        if (list.Children.FirstOrDefault(entry => Scalar(entry, "name") == name) is YamlMappingNode entry)
            return Child(entry, "count") is YamlScalarNode count
                ? FileEdit.OfScalar(path, text, $"replicas[{name}].count", count, Text(replicas))
                : InsertedFirst(path, text, entry, $"replicas[{name}].count", $"count: {Text(replicas)}", replicas);
        if (list.Style == SequenceStyle.Flow || list.Children.FirstOrDefault() is not YamlMappingNode first)
            throw new GitSourceException($"{path}: its replicas list is not a block list of entries; add {name}'s count by hand");
        // A new entry goes first, written as the entries around it are: "- " before its first key.
        var column = (int)first.Start.Column - 1;
        var item = $"name: {name}\n{new string(' ', column)}count: {Text(replicas)}\n{new string(' ', column - 2)}- ";
        return new FileEdit(path, $"replicas[{name}]", "", Text(replicas), text, text.Insert((int)first.Start.Index, item));
    }

    public FileEdit InChartValues(ChartRelease release, string releasePath, int current, int replicas)
    {
        foreach (var (path, text, root) in ChartValueSources.Of(source, release, releasePath))
        {
            var found = root.AllNodes.OfType<YamlMappingNode>().SelectMany(mapping => mapping.Children)
                .FirstOrDefault(pair => pair.Key is YamlScalarNode { Value: "replicaCount" or "replicas" } && pair.Value is YamlScalarNode value && value.Value == Text(current));
            if (found.Value is YamlScalarNode scalar)
                return FileEdit.OfScalar(path, text, ((YamlScalarNode)found.Key).Value!, scalar, Text(replicas));
        }
        throw new GitSourceException($"no replicaCount or replicas value equal to {current} in ChartRelease \"{release.Name}\"'s values, values files or chart defaults");
    }

    /// <summary>Adds a line as the mapping's first entry, at the indentation of the entry it goes before.</summary>
    private static FileEdit InsertedFirst(string path, string text, YamlMappingNode mapping, string field, string line, int replicas)
    {
        if (mapping.Style == MappingStyle.Flow || mapping.Children.Count == 0)
            throw new GitSourceException($"{path}: {field} would go into a mapping written in flow style ({{…}}); set it by hand");
        var first = mapping.Children.First().Key;
        var indent = new string(' ', (int)first.Start.Column - 1);
        return new FileEdit(path, field, "", Text(replicas), text, text.Insert((int)first.Start.Index, $"{line}\n{indent}"));
    }

    private static string Text(int replicas) => replicas.ToString(CultureInfo.InvariantCulture);
}
