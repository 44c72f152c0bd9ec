using System.Text.RegularExpressions;
using NATS.NKeys;

namespace GitOrch.Engine.Security;

/// <summary>What a joining machine sends: its token, the node name it asks for, its NKey's public half and a certificate request.</summary>
public sealed record JoinRequest(string Token, string Node, string NkeyPublicKey, string CertificateRequest);

/// <summary>What it gets back: the CA to trust, its node certificate, and where the store is.</summary>
public sealed record JoinResponse(string Node, string CaCertificate, string Certificate)
{
    public string? StoreAddress { get; init; }
}

/// <summary>
/// Admits a machine that presents a valid join token, as the kubelet's TLS bootstrap does: its node
/// name is bound to the NKey it generated (whose seed never leaves it) through an agent identity in the
/// store's configuration, and the CA signs its certificate request for that name. The store then
/// reloads its configuration.
/// </summary>
public sealed partial class NodeAdmission(ClusterDirectory cluster, Action reloadStore, TimeProvider? clock = null)
{
    private static readonly TimeSpan NodeCertificateLifetime = TimeSpan.FromDays(365);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();

    public JoinResponse Admit(JoinRequest request)
    {
        if (!NodeName().IsMatch(request.Node))
            throw new JoinRefusedException($"node name \"{request.Node}\" is not a DNS label (lower-case letters, digits and '-', at most 63)");
        if (!IsUserKey(request.NkeyPublicKey))
            throw new JoinRefusedException("the NKey is not a user public key (U…)");
        lock (_gate)
        {
            if (cluster.HasNode(request.Node))
                throw new JoinRefusedException($"node {request.Node} has an identity already; choose another name or remove its files from {cluster.Root}");
            var now = _clock.GetUtcNow();
            using var authority = ClusterAuthority.Load(cluster.CaCertificate, cluster.CaKey);
            using var certificate = authority.IssueNode(request.Node, request.CertificateRequest, now, NodeCertificateLifetime);
            var token = cluster.Tokens.Redeem(request.Token, now);
            cluster.AddJoinedNode(request.Node, request.NkeyPublicKey, token.Id, now);
            reloadStore();
            return new JoinResponse(request.Node, authority.CertificatePem, certificate.ExportCertificatePem());
        }
    }

    private static bool IsUserKey(string publicKey)
    {
        try
        {
            return KeyPair.IsValidPublicKey(PrefixByte.User, publicKey);
        }
        catch (NKeysException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex NodeName();
}
