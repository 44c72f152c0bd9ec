using System.Security.Cryptography.X509Certificates;
using GitOrch.Store.Access;

namespace GitOrch.Agent.Http;

/// <summary>The agent endpoint's TLS: the node's certificate with its key, and the cluster CA that callers' certificates must chain to.</summary>
public sealed record AgentEndpointTls(X509Certificate2 Certificate, X509Certificate2 Authority)
{
    /// <summary>The roles whose certificates may call logs and exec: people with the admin credential, and the server.</summary>
    public static readonly IReadOnlySet<string> PodAccessRoles = new HashSet<string>(StringComparer.Ordinal) { StoreRoles.Admin, StoreRoles.Server };
}
