using System.Globalization;
using System.Text;
using GitOrch.Api.Model;

namespace GitOrch.Store;

/// <summary>
/// Builds store keys <c>resource.namespace.name</c>. NATS keys allow only <c>[-/_=.a-zA-Z0-9]</c> and
/// dots separate tokens, so a name is encoded reversibly: '=' escapes any other character as two hex digits.
/// </summary>
public static class ObjectKeys
{
    public const string ClusterScope = "_";

    public static string For(KindInfo info, string? ns, string name) =>
        $"{Prefix(info, info.Namespaced ? ns ?? WellKnown.DefaultNamespace : ClusterScope)}{Encode(name)}";

    public static string For(KubeObject obj) => For(Kinds.For(obj), obj.Namespace, obj.Name);

    /// <summary>The namespace (<see cref="ClusterScope"/> for cluster-scoped kinds) and the decoded name in a key.</summary>
    public static (string Namespace, string Name) Parse(string key)
    {
        var parts = key.Split('.', 3);
        return (parts[1], Decode(parts[2]));
    }

    /// <summary>The prefix of one kind's keys, in one namespace or (null) in all.</summary>
    public static string Prefix(KindInfo info, string? ns) =>
        ns is null ? $"{info.Resource}." : $"{info.Resource}.{(info.Namespaced ? ns : ClusterScope)}.";

    public static string Encode(string name)
    {
        var encoded = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/')
                encoded.Append(c);
            else
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                    encoded.Append('=').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }

    public static string Decode(string encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '=')
            {
                bytes.Add(byte.Parse(encoded.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
                bytes.Add((byte)encoded[i]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
