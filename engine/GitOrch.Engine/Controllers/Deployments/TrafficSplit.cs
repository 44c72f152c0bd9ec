using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>
/// Writes the share of traffic each version of a Deployment gets, as the <c>gitorch.io/traffic-weights</c>
/// annotation on Services, which every node's service proxy follows exactly.
/// </summary>
public sealed class TrafficSplit(ObjectClient client)
{
    /// <summary>Every Service in the namespace whose selector picks the pods of each given template.</summary>
    public async Task<IReadOnlyList<Service>> SelectingAsync(string ns, IEnumerable<PodTemplateSpec> templates, CancellationToken cancellationToken)
    {
        var labels = templates.Select(template => (IReadOnlyDictionary<string, string>)(template.Metadata.Labels ?? [])).ToList();
        return (await client.ListAsync<Service>(ns, cancellationToken: cancellationToken))
            .Where(service => service.Spec.Selector is { Count: > 0 } selector && labels.All(set => Selects(selector, set)))
            .ToList();
    }

    /// <summary>The Services named, skipping any that do not exist yet.</summary>
    public async Task<IReadOnlyList<Service>> NamedAsync(string ns, IEnumerable<string?> names, CancellationToken cancellationToken)
    {
        var found = new List<Service>();
        foreach (var name in names.OfType<string>().Distinct())
            if (await client.GetAsync<Service>(ns, name, cancellationToken) is { } service)
                found.Add(service);
        return found;
    }

    /// <summary>Sets the weights (null removes them) on each Service whose annotation differs; returns how many changed.</summary>
    public async Task<int> SetAsync(IEnumerable<Service> services, IReadOnlyDictionary<string, int>? weights, CancellationToken cancellationToken)
    {
        var text = weights is null ? null : TrafficWeights.Format(weights);
        var changed = 0;
        foreach (var service in services)
        {
            if (service.Annotation(WellKnown.TrafficWeights) == text) continue;
            await client.UpdateAsync(service with { Metadata = service.Metadata.WithAnnotation(WellKnown.TrafficWeights, text) }, service, cancellationToken);
            changed++;
        }
        return changed;
    }

    /// <summary>Everything to <paramref name="stable"/>, except <paramref name="canaryWeight"/> percent to <paramref name="canary"/>.</summary>
    public static Dictionary<string, int> Between(string stable, string canary, int canaryWeight) =>
        new() { [stable] = 100 - canaryWeight, [canary] = canaryWeight };

    public static Dictionary<string, int> AllTo(string version) => new() { [version] = 100 };

    private static bool Selects(Dictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
