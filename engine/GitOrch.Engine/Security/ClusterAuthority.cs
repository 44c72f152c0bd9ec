using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GitOrch.Engine.Security;

/// <summary>
/// The cluster's certificate authority: an ECDSA P-256 key and a self-signed certificate, which signs
/// the certificates of the servers and of the nodes that join, so that every part trusts only this cluster.
/// </summary>
public sealed class ClusterAuthority(X509Certificate2 certificate) : IDisposable
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public X509Certificate2 Certificate { get; } = certificate;

    public static ClusterAuthority Create(string clusterName, DateTimeOffset now, TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={clusterName} cluster CA, O=GitOrch", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return new ClusterAuthority(request.CreateSelfSigned(now - ClockSkew, now + lifetime));
    }

    public static ClusterAuthority Load(string certificatePath, string keyPath) =>
        new(X509Certificate2.CreateFromPemFile(certificatePath, keyPath));

    /// <summary>A TLS server certificate for the given DNS names and addresses, with its new key.</summary>
    public IssuedCertificate IssueServer(string commonName, IEnumerable<string> names, DateTimeOffset now, TimeSpan lifetime)
    {
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address)) alternativeNames.AddIpAddress(address);
            else alternativeNames.AddDnsName(name);
        }
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=GitOrch", key, HashAlgorithmName.SHA256);
        return new IssuedCertificate(Issue(request, [ServerAuthentication], alternativeNames.Build(), now, lifetime), key);
    }

    /// <summary>
    /// A node's certificate from its certificate request, as the kubelet's TLS bootstrap gets one: the
    /// request's key, with the node name as the subject whatever the request asked for, for both ends of TLS.
    /// </summary>
    public X509Certificate2 IssueNode(string node, string requestPem, DateTimeOffset now, TimeSpan lifetime)
    {
        CertificateRequest asked;
        try
        {
            asked = CertificateRequest.LoadSigningRequestPem(requestPem, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"the certificate request is not a signed PEM request: {e.Message}");
        }
        return IssueIdentity(node, AgentRole, node, asked.PublicKey, now, lifetime);
    }

    /// <summary>An identity's certificate with a new key: its name and role in the subject (CN and OU); a node's is for both ends of TLS.</summary>
    public IssuedCertificate IssueIdentity(string identity, string role, string? node, DateTimeOffset now, TimeSpan lifetime)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new IssuedCertificate(IssueIdentity(identity, role, node, new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).PublicKey, now, lifetime), key);
    }

    private X509Certificate2 IssueIdentity(string identity, string role, string? node, PublicKey publicKey, DateTimeOffset now, TimeSpan lifetime)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={identity}, OU={role}, O=GitOrch"), publicKey, HashAlgorithmName.SHA256);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        alternativeNames.AddDnsName(node ?? identity);
        string[] usages = node is null ? [ClientAuthentication] : [ClientAuthentication, ServerAuthentication];
        return Issue(request, usages, alternativeNames.Build(), now, lifetime);
    }

    private const string AgentRole = "agent";

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private X509Certificate2 Issue(CertificateRequest request, string[] extendedUsages, X509Extension alternativeNames, DateTimeOffset now, TimeSpan lifetime)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var usages = new OidCollection();
        foreach (var usage in extendedUsages) usages.Add(new Oid(usage));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        request.CertificateExtensions.Add(alternativeNames);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var notAfter = now + lifetime < Certificate.NotAfter ? now + lifetime : new DateTimeOffset(Certificate.NotAfter);
        return request.Create(Certificate, now - ClockSkew, notAfter, RandomNumberGenerator.GetBytes(16));
    }

    /// <summary>The SHA-256 of the CA's public key, as <c>sha256:HEX</c>: what a joining node checks the server against.</summary>
    public string PublicKeyHash => PublicKeyHashOf(Certificate);

    public static string PublicKeyHashOf(X509Certificate2 authority) =>
        $"sha256:{Convert.ToHexStringLower(SHA256.HashData(authority.PublicKey.ExportSubjectPublicKeyInfo()))}";

    public string CertificatePem => Certificate.ExportCertificatePem();

    public string KeyPem => Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    public void Dispose() => Certificate.Dispose();
}

/// <summary>A certificate the authority signed, and the private key that goes with it.</summary>
public sealed record IssuedCertificate(X509Certificate2 Certificate, ECDsa Key)
{
    public string CertificatePem => Certificate.ExportCertificatePem();

    public string KeyPem => Key.ExportPkcs8PrivateKeyPem();
}
