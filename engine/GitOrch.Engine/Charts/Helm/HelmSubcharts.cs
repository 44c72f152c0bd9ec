using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts.Sources;

namespace GitOrch.Engine.Charts.Helm;

/// <summary>
/// The subcharts a chart renders: each folder or .tgz in its charts/, matched by name with its entry
/// in Chart.yaml's dependencies (alias, condition, tags, import-values). A subchart's values are the
/// parent's section under its name over its own values.yaml, with the parent's global values merged
/// into its own.
/// </summary>
public static class HelmSubcharts
{
    public sealed record Subchart(IChartFiles Files, ChartMetadata Metadata, JsonObject Values);

    private const string ChartsFolder = "charts";

    /// <summary>The enabled subcharts; import-values write into <paramref name="values"/>, the parent's, as Helm does before it renders.</summary>
    public static IReadOnlyList<Subchart> Of(IChartFiles chart, ChartMetadata metadata, JsonObject values)
    {
        var packaged = Packaged(chart);
        var dependencies = (metadata.Fields["dependencies"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var subcharts = new List<Subchart>();
        foreach (var dependency in dependencies)
        {
            var name = dependency["name"]?.ToString() ?? "";
            if (!packaged.Remove(name, out var files))
                throw new ManifestException($"{chart.Root}/{ChartMetadata.FileName}", 1, 1,
                    $"chart {metadata.Name}: dependency {name} is not in {ChartsFolder}/; run helm dependency build and commit {ChartsFolder}/ (GitOrch does not download charts yet)");
            if (!Enabled(dependency, values)) continue;
            var subchart = Build(files.Files, files.Metadata, dependency["alias"]?.ToString() ?? name, values);
            Import(dependency, subchart.Values, values);
            subcharts.Add(subchart);
        }
        subcharts.AddRange(packaged.Values.Select(files => Build(files.Files, files.Metadata, files.Metadata.Name, values)));
        return subcharts;
    }

    private static Dictionary<string, (IChartFiles Files, ChartMetadata Metadata)> Packaged(IChartFiles chart)
    {
        var found = new Dictionary<string, (IChartFiles, ChartMetadata)>(StringComparer.Ordinal);
        var entries = chart.ListAllFiles().Where(path => path.StartsWith(ChartsFolder + "/", StringComparison.Ordinal)).Select(path => path[(ChartsFolder.Length + 1)..]);
        foreach (var entry in entries)
        {
            IChartFiles? files = entry.EndsWith("/" + ChartMetadata.FileName, StringComparison.Ordinal) && entry.Count(c => c == '/') == 1
                ? new SubfolderChartFiles(chart, $"{ChartsFolder}/{entry[..entry.IndexOf('/')]}")
                : !entry.Contains('/') && entry.EndsWith(".tgz", StringComparison.Ordinal)
                    ? Unpack(chart, $"{ChartsFolder}/{entry}")
                    : null;
            if (files is null) continue;
            var metadata = ChartMetadata.Read(files);
            found[metadata.Name] = (files, metadata);
        }
        return found;
    }

    private static ArchiveChartFiles Unpack(IChartFiles chart, string path)
    {
        try
        {
            return new ArchiveChartFiles($"{chart.Root}/{path}", chart.ReadBytes(path) ?? []);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ManifestException($"{chart.Root}/{path}", 1, 1, $"not a chart archive: {e.Message}");
        }
    }

    /// <summary>A condition (the first of its comma-separated paths that holds a bool decides), else tags (enabled if any is true), else enabled.</summary>
    private static bool Enabled(JsonObject dependency, JsonObject values)
    {
        foreach (var path in (dependency["condition"]?.ToString() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (At(values, path) is JsonValue value && value.TryGetValue<bool>(out var enabled)) return enabled;
        var tags = (dependency["tags"] as JsonArray ?? []).Select(tag => tag?.ToString() ?? "").ToList();
        var set = tags.Select(tag => At(values, $"tags.{tag}")).OfType<JsonValue>().Select(value => value.TryGetValue<bool>(out var b) && b).ToList();
        return set.Count == 0 || set.Any(on => on);
    }

    private static Subchart Build(IChartFiles files, ChartMetadata metadata, string name, JsonObject parentValues)
    {
        var values = ChartOutput.DefaultValues(files);
        if (parentValues[name] is JsonObject section) ChartValues.Merge(values, (JsonObject)section.DeepClone());
        var global = values["global"] as JsonObject ?? [];
        if (parentValues["global"] is JsonObject parentGlobal) ChartValues.Merge(global, (JsonObject)parentGlobal.DeepClone());
        values["global"] = global;
        var fields = (JsonObject)metadata.Fields.DeepClone();
        fields["name"] = name;
        return new Subchart(files, metadata with { Name = name, Fields = fields }, values);
    }

    /// <summary>import-values: "name" takes the child's exports.name into the parent; {child: a.b, parent: c} takes the child's a.b as the parent's c.</summary>
    private static void Import(JsonObject dependency, JsonObject child, JsonObject parent)
    {
        foreach (var import in dependency["import-values"] as JsonArray ?? [])
        {
            var (from, to) = import is JsonObject pair
                ? (pair["child"]?.ToString() ?? "", pair["parent"]?.ToString() ?? "")
                : ($"exports.{import}", "");
            if (At(child, from) is not JsonObject imported) continue;
            var target = parent;
            foreach (var part in to.Split('.', StringSplitOptions.RemoveEmptyEntries))
                target = target[part] as JsonObject ?? (JsonObject)(target[part] = new JsonObject());
            ChartValues.Merge(target, (JsonObject)imported.DeepClone());
        }
    }

    private static JsonNode? At(JsonObject values, string path)
    {
        JsonNode? current = values;
        foreach (var part in path.Split('.'))
            current = current is JsonObject map ? map[part] : null;
        return current;
    }
}
