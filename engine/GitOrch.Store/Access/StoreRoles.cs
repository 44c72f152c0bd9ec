using GitOrch.Api.Model;

namespace GitOrch.Store.Access;

/// <summary>
/// The built-in roles as NATS subject permissions. A KV write (put, create, update, delete, purge) is a
/// publish to <c>$KV.BUCKET.KEY</c>; reads go through the JetStream API on the buckets' streams.
/// </summary>
public static class StoreRoles
{
    public const string Admin = "admin";
    public const string Server = "server";
    public const string Agent = "agent";
    public const string Viewer = "viewer";
    public const string Ci = "ci";
    public const string User = "user";

    public static readonly IReadOnlyList<string> Names = [Admin, Server, Agent, Viewer, Ci, User];

    /// <summary>Reading objects, status and metadata: bucket info, direct gets and the ordered consumers of watches.</summary>
    private static readonly string[] Reads =
    [
        "$JS.API.INFO",
        "$JS.FC.>",
        .. Buckets.All.SelectMany(bucket => new[]
        {
            $"$JS.API.STREAM.INFO.KV_{bucket}",
            $"$JS.API.STREAM.MSG.GET.KV_{bucket}",
            $"$JS.API.DIRECT.GET.KV_{bucket}",
            $"$JS.API.DIRECT.GET.KV_{bucket}.>",
            $"$JS.API.CONSUMER.CREATE.KV_{bucket}",
            $"$JS.API.CONSUMER.CREATE.KV_{bucket}.>",
            $"$JS.API.CONSUMER.INFO.KV_{bucket}.>",
            $"$JS.API.CONSUMER.DELETE.KV_{bucket}.>",
        }),
    ];

    private static readonly string[] Replies = ["_INBOX.>"];

    /// <summary>No role but admin may remove or empty a bucket, whatever else it may write.</summary>
    private static readonly string[] BucketRemoval = ["$JS.API.STREAM.DELETE.>", "$JS.API.STREAM.PURGE.>"];

    public static StoreRole For(string role, string? node = null) => role switch
    {
        Admin => new StoreRole(Admin, null, [], null),
        Server => new StoreRole(Server, null, BucketRemoval, null),
        Viewer => new StoreRole(Viewer, Reads, [], Replies),
        Ci => new StoreRole(Ci, [.. Reads, Write(Buckets.Objects, ">"), Write(Buckets.Meta, ">")], BucketRemoval, Replies),
        Agent when node is { Length: > 0 } => ForAgent(node),
        Agent => throw new ArgumentException("the agent role is bound to a node name"),
        User => throw new ArgumentException("the user role's writes come from RoleBindings: use ForUser"),
        _ => throw new ArgumentException($"unknown role '{role}' (known: {string.Join(", ", Names)})"),
    };

    /// <summary>
    /// An agent writes its own Node and the Node's status, events, the volumes its local-path provisioner
    /// makes, its own traffic and usage figures, and reports of its own pods' status, which the server
    /// relays (see <see cref="PodStatusReports"/>). It cannot write workloads, nor any pod's status.
    /// </summary>
    private static StoreRole ForAgent(string node)
    {
        var nodeKey = ObjectKeys.For(Kinds.Node, null, node);
        string[] writes =
        [
            Write(Buckets.Objects, nodeKey),
            Write(Buckets.Status, nodeKey),
            Write(Buckets.Objects, ObjectKeys.Prefix(Kinds.Event, null) + ">"),
            Write(Buckets.Objects, ObjectKeys.Prefix(Kinds.PersistentVolume, null) + ">"),
            Write(Buckets.Meta, NodeTraffic.KeyFor(node)),
            Write(Buckets.Meta, NodeUsage.KeyFor(node)),
            Write(Buckets.Meta, PodStatusReports.NodePrefix(node) + ">"),
        ];
        return new StoreRole($"{Agent}:{node}", [.. Reads, .. writes], BucketRemoval, Replies);
    }

    /// <summary>A person's identity: the viewer's reads, and the writes RoleBindings in Git grant them (see <see cref="RbacGrants"/>).</summary>
    public static StoreRole ForUser(string name, IEnumerable<string> grantedWrites) =>
        new($"{User}:{name}", [.. Reads, .. grantedWrites], BucketRemoval, Replies);

    private static string Write(string bucket, string key) => $"$KV.{bucket}.{key}";
}
