using System.Security.Cryptography;
using System.Text;

namespace GitOrch.Api.Model;

/// <summary>
/// What output shows of a Secret's values unless asked for them: a short hash of each value, so that a
/// diff still shows which keys changed and no value is printed.
/// </summary>
public static class SecretMasking
{
    public static KubeObject Mask(KubeObject obj) => obj is Secret secret
        ? secret with { Data = Masked(secret.Data), StringData = Masked(secret.StringData) }
        : obj;

    public static string MaskValue(string value) =>
        $"<hidden sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..12]}>";

    private static Dictionary<string, string>? Masked(Dictionary<string, string>? values) =>
        values?.ToDictionary(pair => pair.Key, pair => MaskValue(pair.Value));
}
