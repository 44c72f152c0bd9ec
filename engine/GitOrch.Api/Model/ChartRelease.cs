using System.Text.Json.Nodes;

namespace GitOrch.Api.Model;

/// <summary>
/// One instance of a chart in the repository. The engine renders it into objects at sync time; the
/// release's name and namespace are its own metadata.name and metadata.namespace.
/// </summary>
public sealed record ChartRelease : KubeObject
{
    public ChartReleaseSpec Spec { get; init; } = new();
}

public sealed record ChartReleaseSpec
{
    /// <summary>The chart's folder, relative to the manifest root; with a repository, the chart's name in it.</summary>
    public string Chart { get; init; } = "";

    /// <summary>An HTTP chart repository (its index.yaml and archives) to take the chart from instead of a folder.</summary>
    public string? Repository { get; init; }

    /// <summary>With a repository, a version constraint such as 1.2.x or ^17.0.0; by default the newest version that is not a pre-release.</summary>
    public string? Version { get; init; }

    /// <summary>Values files relative to the manifest root, merged in order over the chart's values.yaml.</summary>
    public List<string>? ValuesFiles { get; init; }

    /// <summary>Inline values, merged over the values files.</summary>
    public JsonObject? Values { get; init; }

    /// <summary>Assignments in Helm's --set syntax (a.b=c, list={x,y}, list[0].name=z), applied last.</summary>
    public List<string>? Set { get; init; }
}
