using System.Security.Cryptography;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Security;

namespace GitOrch.Engine.Desired;

/// <summary>
/// Opens each SealedSecret a commit declares into the Secret it stands for, declared at the same file
/// and line. The sealing key is read the first time a commit needs it, so a repository without sealed
/// secrets loads on a machine without the key.
/// </summary>
public sealed class SealedSecretOpener(Func<ECDiffieHellman> loadKey)
{
    private readonly Lazy<ECDiffieHellman> _key = new(loadKey);

    /// <summary>Reads the cluster's key from <see cref="SealingKey.DefaultPath"/>.</summary>
    public static SealedSecretOpener WithDefaultKey() => new(() => SealingKey.LoadPrivate(SealingKey.DefaultPath));

    public DesiredObject Open(DesiredObject declared)
    {
        if (declared.Object is not SealedSecret sealedSecret) return declared;
        try
        {
            return new DesiredObject(SecretSealer.Open(sealedSecret, _key.Value), declared.Path, declared.Line, declared.Column, declared.EndLine);
        }
        catch (SealingException e)
        {
            throw new ManifestException(declared.Path, declared.Line, declared.Column, e.Message);
        }
    }
}
