using System.Globalization;

namespace GitOrch.Api.Validation;

/// <summary>
/// How a field is named in an error, such as <c>spec.template.spec.containers[0].ports[1].containerPort</c>,
/// or <c>data["../x"]</c> for a map key that is not a plain word. The validator and the YAML position
/// finder build paths with these same two helpers, so a problem's path finds its place in the file.
/// </summary>
public static class FieldPath
{
    public static string Child(string parent, string key)
    {
        var plain = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-');
        var step = plain ? key : $"[\"{key.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"]";
        return parent.Length == 0 ? step : plain ? $"{parent}.{step}" : parent + step;
    }

    public static string Index(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";
}
