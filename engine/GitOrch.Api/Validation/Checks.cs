using GitOrch.Api.Model;

namespace GitOrch.Api.Validation;

/// <summary>
/// The checks one object's validation runs, keeping the first problem found: one error is what a load
/// reports, and it names the field. Each helper states one rule in the words the error uses.
/// </summary>
public sealed class Checks
{
    public ValidationProblem? First { get; private set; }

    public void Fail(string path, string message) => First ??= new ValidationProblem(path, message);

    public void Require(bool condition, string path, string message)
    {
        if (!condition) Fail(path, message);
    }

    public void DnsLabel(string path, string? value)
    {
        if (value is not null && !KubeSyntax.IsDnsLabel(value))
            Fail(path, $"\"{value}\" must be at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit");
    }

    public void DnsSubdomain(string path, string? value)
    {
        if (value is not null && !KubeSyntax.IsDnsSubdomain(value))
            Fail(path, $"\"{value}\" must be at most 253 lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit");
    }

    /// <summary>The looser rule of kinds such as Role, whose names are path segments: "system:viewer" is one.</summary>
    public void PathSegmentName(string path, string? value)
    {
        if (value is "." or ".." || value?.IndexOfAny(['/', '%']) >= 0)
            Fail(path, $"\"{value}\" may not be \".\" or \"..\", and may not contain '/' or '%'");
    }

    public void Dns1035Label(string path, string? value)
    {
        if (value is not null && !KubeSyntax.IsDns1035Label(value))
            Fail(path, $"\"{value}\" must be at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit");
    }

    public void Labels(string path, IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            QualifiedKey(FieldPath.Child(path, key), key);
            if (!KubeSyntax.IsLabelValue(value))
                Fail(FieldPath.Child(path, key), $"value \"{value}\" must be empty or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
        }
    }

    public void Annotations(string path, IReadOnlyDictionary<string, string>? annotations)
    {
        var bytes = 0L;
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            QualifiedKey(FieldPath.Child(path, key), key);
            bytes += key.Length + System.Text.Encoding.UTF8.GetByteCount(value);
        }
        Require(bytes <= KubeSyntax.AnnotationsMaxBytes, path, $"hold {bytes} bytes in all, more than the {KubeSyntax.AnnotationsMaxBytes} allowed");
    }

    public void QualifiedKey(string path, string key)
    {
        if (!KubeSyntax.IsQualifiedName(key))
            Fail(path, $"key \"{key}\" must be a name of at most 63 letters, digits, '-', '_' and '.' (starting and ending with a letter or digit), optionally after a DNS subdomain prefix and '/'");
    }

    public void Port(string path, long? port)
    {
        if (port is not null and not (>= 1 and <= 65535))
            Fail(path, $"{port} must be a port number from 1 to 65535");
    }

    /// <summary>A port given as a number (1–65535) or as the name of a container port.</summary>
    public void PortNumberOrName(string path, IntOrString? port)
    {
        if (port is null) return;
        if (port.IsInt) Port(path, long.Parse(port.Value, System.Globalization.CultureInfo.InvariantCulture));
        else PortName(path, port.Value);
    }

    public void PortName(string path, string? name)
    {
        if (name is not null && !KubeSyntax.IsPortName(name))
            Fail(path, $"\"{name}\" must be a port name: at most 15 lowercase letters, digits and '-', with at least one letter and no \"--\"");
    }

    public void NotNegative(string path, long? value)
    {
        if (value < 0) Fail(path, $"{value} must not be negative");
    }

    public void AtLeast(string path, long? value, long minimum)
    {
        if (value < minimum) Fail(path, $"{value} must be at least {minimum}");
    }

    public void OneOf(string path, string? value, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            Fail(path, $"\"{value}\" must be one of {string.Join(", ", allowed)}");
    }

    public void Quantity(string path, string? value)
    {
        if (value is not null && !ResourceQuantity.TryParse(value, out _))
            Fail(path, $"\"{value}\" is not a quantity such as 100m, 1.5, 128Mi or 1G");
    }

    /// <summary>A field that must be unique across a list (container, volume and port names); reports the second of a pair.</summary>
    public void Unique<T>(string path, IReadOnlyList<T>? items, string field, Func<T, string?> value)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (items?.Count ?? 0); i++)
            if (value(items![i]) is { Length: > 0 } each && !seen.Add(each))
                Fail(FieldPath.Child(FieldPath.Index(path, i), field), $"\"{each}\" is used twice; each {field} must be unique");
    }
}
