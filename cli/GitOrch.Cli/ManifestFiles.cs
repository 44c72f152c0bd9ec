using GitOrch.Api.Serialization;
using GitOrch.Engine.Kustomize;

namespace GitOrch.Cli;

/// <summary>
/// The objects <c>apply -f</c> and <c>create -f</c> read: files, every manifest in a folder, standard
/// input for "-", or with <c>-k</c> a kustomization rendered by kustomize. Errors name the file and line.
/// </summary>
public static class ManifestFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static IReadOnlyList<LoadedObject> Load(IReadOnlyList<string> files, string? kustomization, string defaultNamespace, TextReader stdin)
    {
        var loaded = new List<LoadedObject>();
        foreach (var file in files)
        {
            if (file == "-")
                loaded.AddRange(ManifestLoader.Load("<stdin>", stdin.ReadToEnd(), defaultNamespace));
            else if (Directory.Exists(file))
                foreach (var path in Directory.EnumerateFiles(file).Where(path => Extensions.Contains(Path.GetExtension(path))).Order(StringComparer.Ordinal))
                    loaded.AddRange(ManifestLoader.Load(path, File.ReadAllBytes(path), defaultNamespace));
            else if (File.Exists(file))
                loaded.AddRange(ManifestLoader.Load(file, File.ReadAllBytes(file), defaultNamespace));
            else
                throw new ArgumentException($"-f {file}: no such file or folder");
        }
        if (kustomization is not null)
        {
            if (!Directory.Exists(kustomization)) throw new ArgumentException($"-k {kustomization}: no such folder");
            var folder = Path.GetFullPath(kustomization);
            loaded.AddRange(ManifestLoader.Load(kustomization, KustomizeCommand.Build(folder, "", kustomization), defaultNamespace));
        }
        return loaded;
    }
}
