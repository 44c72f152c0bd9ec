using System.Net;
using System.Text.RegularExpressions;

namespace GitOrch.Api.Validation;

/// <summary>Kubernetes' syntax rules for names, keys and values, as predicates.</summary>
public static partial class KubeSyntax
{
    public const int LabelMaxLength = 63;
    public const int SubdomainMaxLength = 253;
    public const int AnnotationsMaxBytes = 256 * 1024;

    /// <summary>A DNS-1123 label: lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit.</summary>
    public static bool IsDnsLabel(string value) => value.Length <= LabelMaxLength && DnsLabel().IsMatch(value);

    /// <summary>A DNS-1035 label: a DNS-1123 label that starts with a letter (Service names).</summary>
    public static bool IsDns1035Label(string value) => value.Length <= LabelMaxLength && Dns1035Label().IsMatch(value);

    /// <summary>A DNS-1123 subdomain: DNS labels joined by '.', at most 253 in all.</summary>
    public static bool IsDnsSubdomain(string value) => value.Length <= SubdomainMaxLength && DnsSubdomain().IsMatch(value);

    /// <summary>A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63.</summary>
    public static bool IsQualifiedName(string key)
    {
        var slash = key.IndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0 && (slash == 0 || !IsDnsSubdomain(key[..slash]))) return false;
        return name.Length is > 0 and <= LabelMaxLength && QualifiedName().IsMatch(name);
    }

    /// <summary>A label value: empty, or at most 63 of letters, digits, '-', '_' and '.', starting and ending with a letter or digit.</summary>
    public static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= LabelMaxLength && QualifiedName().IsMatch(value));

    /// <summary>A ConfigMap or Secret key, which becomes a file name: letters, digits, '-', '_' and '.', never '.' or '..' or starting with '..'.</summary>
    public static bool IsConfigKey(string key) =>
        key.Length is > 0 and <= SubdomainMaxLength && ConfigKey().IsMatch(key) && key != "." && !key.StartsWith("..", StringComparison.Ordinal);

    /// <summary>A port name (IANA service name): at most 15 lowercase letters, digits and '-', with a letter, no '--', not starting or ending with '-'.</summary>
    public static bool IsPortName(string name) =>
        name.Length is > 0 and <= 15 && PortName().IsMatch(name) && name.Any(char.IsAsciiLetter) && !name.Contains("--", StringComparison.Ordinal);

    /// <summary>An environment variable name: letters, digits, '_', '-' and '.', not starting with a digit.</summary>
    public static bool IsEnvVarName(string name) => name.Length > 0 && EnvVarName().IsMatch(name);

    /// <summary>A relative path with no '..' element, as configMap and secret items and subPath need.</summary>
    public static bool IsContainedRelativePath(string path) =>
        path.Length > 0 && !path.StartsWith('/') && path.Split('/').All(element => element != "..");

    public static bool IsBase64(string value)
    {
        var text = value.Trim();
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    public static bool IsIPv4(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
        && address.ToString() == text;

    /// <summary>Whether an IPv4 address lies inside a CIDR range such as 10.96.0.0/16.</summary>
    public static bool IsInRange(string address, string cidr)
    {
        var slash = cidr.IndexOf('/');
        var network = IPAddress.Parse(cidr[..slash]);
        var bits = int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (!IPAddress.TryParse(address, out var candidate) || candidate.AddressFamily != network.AddressFamily) return false;
        var mask = bits == 0 ? 0u : uint.MaxValue << (32 - bits);
        return (ToNumber(candidate) & mask) == (ToNumber(network) & mask);
    }

    private static uint ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex PortName();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvVarName();
}
