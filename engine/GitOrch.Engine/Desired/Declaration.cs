using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Desired;

public static class Declaration
{
    /// <summary>Marks a loaded object as managed from Git, with the file that declares it and, for a chart's output, its ChartRelease.</summary>
    public static DesiredObject Of(LoadedObject loaded, KubeObject? release = null)
    {
        var annotations = new Dictionary<string, string>(loaded.Object.Metadata.Annotations ?? [])
        {
            [WellKnown.SourcePath] = loaded.Path,
            [WellKnown.ManagedBy] = WellKnown.ManagedByGit,
        };
        if (release is not null)
            annotations[WellKnown.ChartRelease] = $"{release.Namespace}/{release.Name}";
        var annotated = loaded.Object with { Metadata = loaded.Object.Metadata with { Annotations = annotations } };
        return new DesiredObject(annotated, loaded.Path, loaded.Line, loaded.Column, loaded.EndLine);
    }
}
