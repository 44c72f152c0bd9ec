using System.Security.Cryptography.X509Certificates;

namespace GitOrch.Store.Nats;

/// <summary>Whether a certificate was signed by the cluster's CA, trusting that CA alone (no system roots, no revocation lists), and whose it is.</summary>
public static class ClusterTrust
{
    private const string OrganizationalUnit = "2.5.4.11";

    /// <summary>The role a certificate the cluster CA issued names (its OU), or null.</summary>
    public static string? RoleOf(X509Certificate2 certificate) =>
        certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .FirstOrDefault(name => name.GetSingleElementType().Value == OrganizationalUnit)?.GetSingleElementValue();

    public static bool ChainsTo(X509Certificate2? certificate, X509Certificate2 authority)
    {
        if (certificate is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
