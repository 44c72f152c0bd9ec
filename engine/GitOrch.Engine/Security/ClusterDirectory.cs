using System.Text.Json;
using GitOrch.Store;
using GitOrch.Store.Access;
using GitOrch.Store.Nats;
using NATS.NKeys;

namespace GitOrch.Engine.Security;

/// <summary>
/// The files <c>gitorch init</c> keeps on the first server machine: the CA, the store's TLS certificate,
/// the nats-server configuration, the key Secrets are encrypted with, the sealing key pair, and one credentials file per identity. The configuration is always
/// rendered from the credentials files, so adding an identity is writing its file and rendering again.
/// </summary>
public sealed class ClusterDirectory(string root)
{
    private static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan IdentityLifetime = TimeSpan.FromDays(365);

    public string Root { get; } = Path.GetFullPath(root);
    public string CaCertificate => Path.Combine(Root, "ca.crt");
    public string CaKey => Path.Combine(Root, "ca.key");
    public string NatsCertificate => Path.Combine(Root, "nats-server.crt");
    public string NatsKey => Path.Combine(Root, "nats-server.key");
    public string NatsConfig => Path.Combine(Root, "nats.conf");
    public string JetStream => Path.Combine(Root, "jetstream");
    public string CredentialsDirectory => Path.Combine(Root, "credentials");
    public string SecretsKey => Path.Combine(Root, "secrets.key");
    public string SealingKey => Path.Combine(Root, "sealing.key");
    public string NatsPidFile => Path.Combine(Root, "nats.pid");
    public string JoinedDirectory => Path.Combine(Root, "joined");
    public string RbacGrantsFile => Path.Combine(Root, "rbac.json");
    public JoinTokens Tokens => new(Path.Combine(Root, "tokens"));

    public string CredentialsFor(string identity) => Path.Combine(CredentialsDirectory, $"{identity}.yaml");

    /// <summary>Identities that every cluster has; agents are added per node.</summary>
    private static readonly string[] StandardRoles = [StoreRoles.Admin, StoreRoles.Server, StoreRoles.Viewer, StoreRoles.Ci];

    /// <summary>Creates the CA, the store's certificate for <paramref name="serverNames"/>, the standard identities and one per node.</summary>
    public void Initialize(string clusterName, IReadOnlyList<string> serverNames, string listen, IEnumerable<string> nodes, DateTimeOffset now)
    {
        if (File.Exists(CaCertificate))
            throw new InvalidOperationException($"{Root} already holds a cluster (ca.crt exists); choose another --dir");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(CredentialsDirectory);
        using var authority = ClusterAuthority.Create(clusterName, now, AuthorityLifetime);
        File.WriteAllText(CaCertificate, authority.CertificatePem);
        PrivateFile.Write(CaKey, authority.KeyPem);
        var server = authority.IssueServer("nats-server", serverNames, now, ServerLifetime);
        File.WriteAllText(NatsCertificate, server.CertificatePem);
        PrivateFile.Write(NatsKey, server.KeyPem);
        Store.Encryption.SecretsKey.Create(SecretsKey);
        Security.SealingKey.Create(SealingKey);
        foreach (var role in StandardRoles)
            WriteCredentials(role, role, node: null);
        foreach (var node in nodes)
            WriteCredentials(AgentIdentity(node), StoreRoles.Agent, node);
        RenderConfig(listen);
    }

    /// <summary>Adds one identity with its role, and renders the configuration again (nats-server reloads it on SIGHUP).</summary>
    /// <param name="name">For the agent role, the node; for the user role, the person (the name RoleBindings give as a User subject).</param>
    public string AddIdentity(string role, string? name)
    {
        if (!File.Exists(CaCertificate))
            throw new InvalidOperationException($"{Root} holds no cluster; run gitorch init first");
        var identity = role switch
        {
            StoreRoles.Agent => AgentIdentity(name ?? throw new ArgumentException("--node is required for the agent role")),
            StoreRoles.User => UserIdentity(name ?? throw new ArgumentException("--name is required for the user role")),
            _ => role,
        };
        if (File.Exists(CredentialsFor(identity)))
            throw new InvalidOperationException($"credentials for {identity} exist already: {CredentialsFor(identity)}");
        if (role != StoreRoles.User) StoreRoles.For(role, name);
        WriteCredentials(identity, role, role == StoreRoles.Agent ? name : null, role == StoreRoles.User ? name : null);
        RenderConfigAgain();
        return CredentialsFor(identity);
    }

    public static string UserIdentity(string name) => $"user-{name}";

    /// <summary>
    /// Records what RoleBindings let each user write and renders the configuration again; false, and
    /// nothing written, when the grants are those on record already.
    /// </summary>
    public bool ApplyGrants(SortedDictionary<string, SortedSet<string>> grants)
    {
        var text = JsonSerializer.Serialize(grants);
        if (File.Exists(RbacGrantsFile) && File.ReadAllText(RbacGrantsFile) == text) return false;
        PrivateFile.Write(RbacGrantsFile, text);
        RenderConfigAgain();
        return true;
    }

    private Dictionary<string, string[]> RecordedGrants() =>
        File.Exists(RbacGrantsFile) ? JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(RbacGrantsFile))! : [];

    public static string AgentIdentity(string node) => $"agent-{node}";

    /// <summary>Whether a node has an identity already, made by init or credentials create, or by joining.</summary>
    public bool HasNode(string node) => File.Exists(CredentialsFor(AgentIdentity(node))) || File.Exists(JoinedRecord(node));

    /// <summary>Admits a node that joined with its own NKey (its seed stays on its machine), and renders the configuration again.</summary>
    public void AddJoinedNode(string node, string nkeyPublicKey, string tokenId, DateTimeOffset now)
    {
        Directory.CreateDirectory(JoinedDirectory);
        if (!PrivateFile.TryCreate(JoinedRecord(node), JsonSerializer.Serialize(new JoinedNode(node, nkeyPublicKey, tokenId, now))))
            throw new JoinRefusedException($"node {node} has joined already");
        RenderConfigAgain();
    }

    private sealed record JoinedNode(string Node, string NkeyPublicKey, string Token, DateTimeOffset JoinedAt);

    private string JoinedRecord(string node) => Path.Combine(JoinedDirectory, $"{node}.json");

    private void WriteCredentials(string identity, string role, string? node, string? user = null)
    {
        using var pair = KeyPair.CreatePair(PrefixByte.User);
        using var authority = ClusterAuthority.Load(CaCertificate, CaKey);
        var name = node ?? user ?? identity;
        var certificate = authority.IssueIdentity(name, role, node, DateTimeOffset.UtcNow, IdentityLifetime);
        new StoreCredentials
        {
            Identity = name,
            Role = role,
            NkeySeed = pair.GetSeed(),
            CaCertificate = File.ReadAllText(CaCertificate),
            ClientCertificate = certificate.CertificatePem,
            ClientKey = certificate.KeyPem,
        }.Save(CredentialsFor(identity));
    }

    /// <summary>Renders nats.conf again from the files, keeping the listen address it has.</summary>
    private void RenderConfigAgain() => RenderConfig(NatsServerConfig.ListenOf(File.ReadAllText(NatsConfig)));

    private void RenderConfig(string listen)
    {
        var grants = RecordedGrants();
        var users = Directory.GetFiles(CredentialsDirectory, "*.yaml").Order(StringComparer.Ordinal).Select(path =>
        {
            var credentials = StoreCredentials.Load(path);
            using var pair = KeyPair.FromSeed(credentials.NkeySeed);
            var role = credentials.Role switch
            {
                StoreRoles.User => StoreRoles.ForUser(credentials.Identity, grants.GetValueOrDefault(credentials.Identity) ?? []),
                StoreRoles.Agent => StoreRoles.For(StoreRoles.Agent, credentials.Identity),
                _ => StoreRoles.For(credentials.Role),
            };
            return new NatsServerConfig.User(pair.GetPublicKey(), role);
        }).ToList();
        if (Directory.Exists(JoinedDirectory))
            users.AddRange(Directory.GetFiles(JoinedDirectory, "*.json").Order(StringComparer.Ordinal)
                .Select(path => JsonSerializer.Deserialize<JoinedNode>(File.ReadAllText(path))!)
                .Select(joined => new NatsServerConfig.User(joined.NkeyPublicKey, StoreRoles.For(StoreRoles.Agent, joined.Node))));
        var paths = new NatsServerConfig.Paths(NatsCertificate, NatsKey, JetStream, NatsPidFile);
        PrivateFile.Write(NatsConfig, NatsServerConfig.Render(listen, paths, users));
    }
}
