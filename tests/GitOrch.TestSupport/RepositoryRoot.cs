namespace GitOrch.TestSupport;

/// <summary>The checkout the tests were built from, found by walking up to GitOrch.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "GitOrch.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("GitOrch.sln not found above the test's folder");
    }
}
