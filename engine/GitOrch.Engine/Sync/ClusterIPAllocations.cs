using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Planning;
using GitOrch.Store;

namespace GitOrch.Engine.Sync;

/// <summary>
/// Gives each Service the sync writes a cluster IP that no other Service holds. Each address taken is a
/// key in the meta bucket, created compare-and-swap, whose value is the Service's store key; an address
/// whose Service is gone is free again. A Service that names its clusterIP gets exactly that one, or the
/// apply is refused before it writes anything.
/// </summary>
public sealed class ClusterIPAllocations(ObjectClient client)
{
    private const string Prefix = "clusterip.";

    /// <summary>
    /// Why the plan cannot be written as it is: two Services that name one address, or a named address
    /// that another Service holds (one the plan does not delete); null when every named address is free.
    /// </summary>
    public async Task<string?> WhyRefusedAsync(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        var named = NamedIn(changes);
        foreach (var group in named.GroupBy(service => Named(service)!).Where(group => group.Count() > 1))
            return $"{Describe(group.First())} and {Describe(group.Skip(1).First())} both declare clusterIP {group.Key}";
        var deleted = DeletedIn(changes);
        foreach (var service in named)
            if (await HolderAsync(Named(service)!, cancellationToken) is { } holder && holder != ObjectKeys.For(service) && !deleted.Contains(holder))
                return $"{Describe(service)}: clusterIP {Named(service)} is taken by {DescribeKey(holder)}";
        return null;
    }

    /// <summary>
    /// Gives the addresses of Services the plan deletes to the Services that name them, before anything
    /// is written: deletes are written last, and the new holder's create comes first.
    /// </summary>
    public async Task HandOverAsync(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        var deleted = DeletedIn(changes);
        foreach (var service in NamedIn(changes))
        {
            var entry = await client.Store.GetAsync(Buckets.Meta, Prefix + Named(service), cancellationToken);
            if (entry is not null && deleted.Contains(Holder(entry)))
                await client.Store.UpdateAsync(Buckets.Meta, entry.Key, ObjectJson.ToBytes(ObjectKeys.For(service)), entry.Revision, cancellationToken);
        }
    }

    private static List<Service> NamedIn(IReadOnlyList<Change> changes) =>
        changes.Where(change => change.Action != ChangeAction.Delete).Select(change => change.Object).OfType<Service>()
            .Where(service => Named(service) is not null).ToList();

    private static HashSet<string> DeletedIn(IReadOnlyList<Change> changes) =>
        changes.Where(change => change.Action == ChangeAction.Delete).Select(change => change.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>The Service as it is to be written: with its named address claimed, the one it holds kept, or a free one taken.</summary>
    public async Task<Service> AssignAsync(Service desired, Service? live, CancellationToken cancellationToken)
    {
        if (desired.Spec.ClusterIP == "None" || desired.Spec.Type == "ExternalName") return desired;
        var owner = ObjectKeys.For(desired);
        if (Named(desired) is { } address)
            return await ClaimAsync(address, owner, cancellationToken) is { } holder
                ? throw new ConflictException(Buckets.Meta, Prefix + address, $"{Describe(desired)}: clusterIP {address} is taken by {DescribeKey(holder)}")
                : desired;
        if (live?.Spec.ClusterIP is { Length: > 0 } held && held != "None" && await ClaimAsync(held, owner, cancellationToken) is null)
            return WithClusterIP(desired, held);
        foreach (var candidate in ServiceAddresses.CandidateClusterIPs(desired))
            if (await ClaimAsync(candidate, owner, cancellationToken) is null)
                return WithClusterIP(desired, candidate);
        throw new InvalidOperationException($"the service range {ServiceAddresses.ClusterRange} has no free address left for {Describe(desired)}");
    }

    /// <summary>Frees the address a Service held, if it still holds it.</summary>
    public async Task ReleaseAsync(Service service, CancellationToken cancellationToken)
    {
        if (service.Spec.ClusterIP is not { Length: > 0 } address || address == "None") return;
        var entry = await client.Store.GetAsync(Buckets.Meta, Prefix + address, cancellationToken);
        if (entry is not null && Holder(entry) == ObjectKeys.For(service))
            await client.Store.DeleteAsync(Buckets.Meta, Prefix + address, entry.Revision, cancellationToken);
    }

    /// <summary>Takes an address for a Service: null once the owner holds it, else the key of the live Service that does.</summary>
    private async Task<string?> ClaimAsync(string address, string owner, CancellationToken cancellationToken)
    {
        var key = Prefix + address;
        while (true)
        {
            try
            {
                await client.Store.CreateAsync(Buckets.Meta, key, ObjectJson.ToBytes(owner), cancellationToken);
                return null;
            }
            catch (ConflictException)
            {
            }
            var entry = await client.Store.GetAsync(Buckets.Meta, key, cancellationToken);
            if (entry is null) continue;
            if (Holder(entry) == owner) return null;
            if (await LiveHolderAsync(entry, cancellationToken) is { } holder) return holder;
            // The Service that held it is gone without releasing it (its namespace was deleted, say).
            try
            {
                await client.Store.UpdateAsync(Buckets.Meta, key, ObjectJson.ToBytes(owner), entry.Revision, cancellationToken);
                return null;
            }
            catch (ConflictException)
            {
            }
        }
    }

    /// <summary>Who holds an address: a Service that exists; null when nobody does.</summary>
    private async Task<string?> HolderAsync(string address, CancellationToken cancellationToken) =>
        await client.Store.GetAsync(Buckets.Meta, Prefix + address, cancellationToken) is { } entry
            ? await LiveHolderAsync(entry, cancellationToken)
            : null;

    private async Task<string?> LiveHolderAsync(StoreEntry entry, CancellationToken cancellationToken)
    {
        var holder = Holder(entry);
        return await client.GetSpecByKeyAsync(holder, cancellationToken) is null ? null : holder;
    }

    private static string Holder(StoreEntry entry) => ObjectJson.FromBytes<string>(entry.Value);

    private static string? Named(Service service) => service.Spec.ClusterIP is { Length: > 0 } address && address != "None" ? address : null;

    private static Service WithClusterIP(Service service, string address) => service with { Spec = service.Spec with { ClusterIP = address } };

    private static string Describe(Service service) => DescribeKey(ObjectKeys.For(service));

    private static string DescribeKey(string key)
    {
        var (ns, name) = ObjectKeys.Parse(key);
        return $"Service {ns}/{name}";
    }
}
