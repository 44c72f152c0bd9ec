using System.Globalization;
using GitOrch.Api.Model;
using GitOrch.Engine.Controllers.Deployments;
using GitOrch.Store;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Cli.Output;

/// <summary>
/// The live traffic of a Deployment's versions, as the service proxies count it on every Service that
/// selects its pods: each call reports what was counted since the previous one.
/// </summary>
public sealed class ReleaseMetrics(ObjectClient client)
{
    private readonly ClusterTraffic _traffic = new(client.Store);
    private readonly TrafficSplit _services = new(client);
    private Dictionary<string, TrafficCounts>? _previous;

    /// <returns>One line per version with traffic since the last call, labelled stable or canary when known.</returns>
    public async Task<IReadOnlyList<string>> SinceLastAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var services = await _services.SelectingAsync(deployment.Namespace ?? WellKnown.DefaultNamespace, [deployment.Spec.Template], cancellationToken);
        var now = await _traffic.ByVersionAsync(services, cancellationToken);
        var lines = new List<string>();
        foreach (var (version, counts) in now.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var interval = counts.Since(_previous?.GetValueOrDefault(version));
            if (interval.Requests == 0) continue;
            lines.Add($"  {Role(deployment, version)} {version}: {TrafficText.Summary(interval)}");
        }
        _previous = now;
        return lines;
    }

    private static string Role(Deployment deployment, string version) =>
        deployment.Status?.Rollout is { } rollout
            ? version == rollout.StableHash ? "stable" : version == rollout.CanaryHash ? "canary" : "old"
            : "version";

    /// <summary>The release's analysis measurements, one line each, for a verdict.</summary>
    public static IEnumerable<string> Measurements(Deployment deployment) =>
        (deployment.Status?.Rollout?.Measurements ?? []).Select(m =>
            $"  analysis at step {(m.Step + 1).ToString(CultureInfo.InvariantCulture)}: {m.Verdict}: {m.Message}");
}
