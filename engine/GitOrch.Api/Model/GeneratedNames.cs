using System.Security.Cryptography;
using System.Text.Json;

namespace GitOrch.Api.Model;

/// <summary>
/// Names for objects declared with <c>metadata.generateName</c> and no name. Kubernetes adds five random
/// characters on create; a Git-declared object needs the same name on every load, so the five come from
/// a hash of the object instead. An object that changes gets a new name: it is created anew and the old
/// one is pruned, which is what a Job declared this way is for.
/// </summary>
public static class GeneratedNames
{
    /// <summary>Kubernetes' alphabet for generated suffixes: no vowels, no look-alike digits.</summary>
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int SuffixLength = 5;
    private const int MaxPrefixLength = 63 - SuffixLength;

    public static bool Applies(ObjectMeta metadata) => string.IsNullOrEmpty(metadata.Name) && !string.IsNullOrEmpty(metadata.GenerateName);

    /// <summary>A name of the shape the prefix generates, for checking its syntax before any hash is taken.</summary>
    public static string Sample(string generateName) => Prefix(generateName) + new string(Alphabet[0], SuffixLength);

    public static KubeObject Assign(KubeObject obj)
    {
        if (!Applies(obj.Metadata)) return obj;
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType()));
        var suffix = new string(hash.Take(SuffixLength).Select(b => Alphabet[b % Alphabet.Length]).ToArray());
        return obj with { Metadata = obj.Metadata with { Name = Prefix(obj.Metadata.GenerateName!) + suffix } };
    }

    private static string Prefix(string generateName) => generateName.Length > MaxPrefixLength ? generateName[..MaxPrefixLength] : generateName;
}
