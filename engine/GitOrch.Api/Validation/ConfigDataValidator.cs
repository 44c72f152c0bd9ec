using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>ConfigMaps and Secrets: keys that are safe file names, base64 in a Secret's data, and at most 1 MiB in all.</summary>
internal static class ConfigDataValidator
{
    private const int MaxBytes = 1024 * 1024;

    public static void ConfigMap(ConfigMap configMap, Checks checks) => Entries("data", configMap.Data, base64: false, checks);

    public static void Secret(Secret secret, Checks checks)
    {
        Entries("data", secret.Data, base64: true, checks);
        Entries("stringData", secret.StringData, base64: false, checks);
    }

    private static void Entries(string path, Dictionary<string, string>? entries, bool base64, Checks checks)
    {
        var bytes = 0L;
        foreach (var (key, value) in entries ?? [])
        {
            var entryPath = Child(path, key);
            if (value is null)
            {
                checks.Fail(entryPath, "has no value; write \"\" for an empty string");
                continue;
            }
            if (!KubeSyntax.IsConfigKey(key))
                checks.Fail(entryPath, $"key \"{key}\" must be letters, digits, '-', '_' and '.', and not '.' or '..' or start with '..'");
            if (base64 && !KubeSyntax.IsBase64(value))
                checks.Fail(entryPath, "is not base64; put plain text under stringData instead");
            bytes += System.Text.Encoding.UTF8.GetByteCount(value);
        }
        checks.Require(bytes <= MaxBytes, path, $"holds {bytes} bytes, more than the {MaxBytes} allowed");
    }
}
