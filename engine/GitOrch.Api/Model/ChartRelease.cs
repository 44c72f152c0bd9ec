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

    /// <summary>A chart repository to take the chart from instead of a folder: an HTTP repository's URL (its index.yaml and archives), or an OCI registry as oci://HOST/PATH.</summary>
    public string? Repository { get; init; }

    /// <summary>A Secret in the release's namespace, declared in the commit, whose username and password keys log in to the repository.</summary>
    public string? CredentialsSecret { get; init; }

    /// <summary>With an oci:// repository, talk to the registry over plain HTTP rather than HTTPS.</summary>
    public bool? PlainHttp { get; init; }

    /// <summary>With a repository, a version constraint such as 1.2.x or ^17.0.0; by default the newest version that is not a pre-release.</summary>
    public string? Version { get; init; }

    /// <summary>Values files relative to the manifest root, merged in order over the chart's values.yaml.</summary>
    public List<string>? ValuesFiles { get; init; }

    /// <summary>Inline values, merged over the values files.</summary>
    public JsonObject? Values { get; init; }

    /// <summary>Assignments in Helm's --set syntax (a.b=c, list={x,y}, list[0].name=z), applied last.</summary>
    public List<string>? Set { get; init; }
}
