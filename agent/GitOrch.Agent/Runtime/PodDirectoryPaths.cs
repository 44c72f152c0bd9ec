
namespace GitOrch.Agent.Runtime;

/// <summary>
/// Builds host paths from names a manifest chose (volume names, keys, items paths, subPath, container
/// names) and refuses any that would leave the directory they belong in, by '..', an absolute path,
/// or a symbolic link a container planted inside a volume. Validation at load already refuses such
/// names; this is the agent's own line of defence, for whatever reaches the store another way.
/// </summary>
public static class PodDirectoryPaths
{
    /// <summary>
    /// The full path of <paramref name="relative"/> under <paramref name="root"/>, or a start failure naming
    /// what escaped. The last part may itself be a link (the agent's own volume links are); callers that
    /// write or mount through it check it with <see cref="IsLink"/>.
    /// </summary>
    public static string Inside(string root, string relative, string what)
    {
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        var inside = full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!inside || ParentPassesThroughLink(fullRoot, full))
            throw new PodStartException($"{what} \"{relative}\" leads outside {fullRoot}; nothing was written", "CreateContainerConfigError");
        return full;
    }

    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>Whether a directory between the root and the path, as it exists now, is a symbolic link.</summary>
    private static bool ParentPassesThroughLink(string root, string full)
    {
        var current = root;
        foreach (var part in Path.GetRelativePath(root, full).Split(Path.DirectorySeparatorChar).SkipLast(1))
        {
            current = Path.Combine(current, part);
            if (IsLink(current)) return true;
            if (!Path.Exists(current)) return false;
        }
        return false;
    }
}
