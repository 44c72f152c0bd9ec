namespace GitOrch.Store;

/// <summary>
/// Writes files only their owner may read (mode 0600), whole or not at all: the text goes to a temporary
/// file that is renamed into place, so a process reading at the same moment never sees half a file.
/// </summary>
public static class PrivateFile
{
    /// <summary>Writes the file, replacing any there.</summary>
    public static void Write(string path, string text) => WriteThen(path, text, temporary => File.Move(temporary, path, overwrite: true));

    /// <summary>Writes the file unless one exists already, which is left as it is; false then.</summary>
    public static bool TryCreate(string path, string text)
    {
        var created = false;
        WriteThen(path, text, temporary =>
        {
            try
            {
                File.Move(temporary, path, overwrite: false);
                created = true;
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        });
        return created;
    }

    private static void WriteThen(string path, string text, Action<string> place)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                using var writer = new StreamWriter(file);
                writer.Write(text);
            }
            place(temporary);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
