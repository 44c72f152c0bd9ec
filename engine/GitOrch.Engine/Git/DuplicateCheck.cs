using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Git;

internal static class DuplicateCheck
{
    /// <summary>Two manifests that declare the same object are an error at the second one.</summary>
    public static void ThrowIfAny(IEnumerable<LoadedObject> objects)
    {
        var seen = new Dictionary<(string, string?, string), LoadedObject>();
        foreach (var loaded in objects)
        {
            var identity = (loaded.Object.Kind, loaded.Object.Namespace, loaded.Object.Name);
            if (seen.TryGetValue(identity, out var first))
                throw new ManifestException(loaded.Path, loaded.Line, loaded.Column,
                    $"{loaded.Object.Kind} \"{Describe(loaded.Object)}\" is also declared at {first.Path}:{first.Line}");
            seen[identity] = loaded;
        }
    }

    private static string Describe(KubeObject obj) => obj.Namespace is null ? obj.Name : $"{obj.Namespace}/{obj.Name}";
}
