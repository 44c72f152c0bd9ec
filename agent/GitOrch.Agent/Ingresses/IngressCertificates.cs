using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Ingresses;

/// <summary>
/// The certificate for a TLS handshake's server name (SNI): from the <c>kubernetes.io/tls</c> Secret
/// that an Ingress's tls entry names for that host, in the Ingress's namespace. Each certificate is
/// parsed once per version of its Secret.
/// </summary>
public sealed class IngressCertificates(Func<IReadOnlyList<Ingress>> ingresses, Func<string, string, Secret?> secretOf)
{
    private readonly ConcurrentDictionary<string, (string Version, X509Certificate2 Certificate)> _parsed = new();

    public X509Certificate2? For(string? serverName)
    {
        if (serverName is null) return null;
        var host = serverName.ToLowerInvariant();
        foreach (var ingress in ingresses())
            foreach (var tls in ingress.Spec.Tls ?? [])
                if (tls.SecretName is { } name && (tls.Hosts ?? []).Any(h => h.Equals(host, StringComparison.OrdinalIgnoreCase)
                        || (h.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(h[1..], StringComparison.OrdinalIgnoreCase)))
                    && Parse(ingress.Namespace ?? WellKnown.DefaultNamespace, name) is { } certificate)
                    return certificate;
        return null;
    }

    private X509Certificate2? Parse(string ns, string name)
    {
        if (secretOf(ns, name) is not { } secret || Value(secret, "tls.crt") is not { } certificate || Value(secret, "tls.key") is not { } key) return null;
        var cacheKey = $"{ns}/{name}";
        var version = secret.Metadata.ResourceVersion ?? "";
        if (_parsed.TryGetValue(cacheKey, out var known) && known.Version == version) return known.Certificate;
        try
        {
            var parsed = X509Certificate2.CreateFromPem(certificate, key);
            _parsed[cacheKey] = (version, parsed);
            return parsed;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static string? Value(Secret secret, string key) =>
        secret.StringData?.GetValueOrDefault(key)
        ?? (secret.Data?.GetValueOrDefault(key) is { } encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : null);
}
