using System.Text;
using GitOrch.Api.Model;
using GitOrch.Dashboard.Live;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>
/// Every Canary and BlueGreen Deployment: its phase, step and weight; live charts of each version's
/// requests, error rate and p99 through its Services, from the proxies' counts; and each analysis with
/// the thresholds it was judged by, so why a canary aborted reads at a glance.
/// </summary>
internal static class RolloutsView
{
    public static async Task<Page> RenderAsync(ViewRequest request, TrafficHistory traffic)
    {
        var deployments = (await request.Settings.Client.ListAsync<Deployment>(cancellationToken: request.CancellationToken))
            .Where(ObjectActions.IsProgressive).Where(request.Filters.Matches).ToList();
        var services = await request.Settings.Client.ListAsync<Service>(cancellationToken: request.CancellationToken);
        var html = new StringBuilder(Heading("Rollouts and canaries"));
        html.Append(request.Filters.Form("/rollouts", deployments.Select(deployment => deployment.Namespace).OfType<string>()));
        if (deployments.Count == 0) html.Append("<p class=\"empty\">No Deployment uses a Canary or BlueGreen strategy.</p>");
        foreach (var deployment in deployments.OrderBy(deployment => deployment.Name, StringComparer.Ordinal))
        {
            var rollout = deployment.Status?.Rollout ?? new ProgressiveRolloutStatus();
            var steps = deployment.Spec.Strategy?.Canary?.Steps ?? [];
            var state = DefinitionList([
                ("Strategy", E(deployment.Spec.Strategy?.Type)),
                ("Phase", $"<span class=\"phase\">{Badge(rollout.Phase)}</span>" + (rollout.Message is { Length: > 0 } message ? $" {E(message)}" : "")),
                ("Step", steps.Count == 0 ? "" : $"{Math.Min(rollout.CurrentStep + 1, steps.Count)} of {steps.Count}"),
                ("Canary weight", $"<span class=\"weight\">{rollout.Weight}%</span>"),
                ("Stable version", $"<code>{E(rollout.StableHash)}</code>"),
                ("Canary version", rollout.CanaryHash is { } canary ? $"<code>{E(canary)}</code>" : "none under way"),
            ]);
            html.Append($"<section class=\"rollout\" aria-label=\"rollout of {E(deployment.Name)}\"><h2>{ObjectLinks.Link(deployment)}</h2>")
                .Append(state).Append(ObjectActions.For(request, deployment));
            foreach (var service in services.Where(service => Selects(service, deployment)))
                html.Append(Charts(traffic, service, rollout, Threshold(steps, rollout)));
            html.Append(Measurements(rollout, steps)).Append("</section>");
        }
        return new Page("Rollouts", ["deployments", "replicasets", ChangeFeed.TrafficTopic], html.ToString());
    }

    private static bool Selects(Service service, Deployment deployment) =>
        service.Namespace == deployment.Namespace && service.Spec.Selector is { Count: > 0 } selector
        && selector.All(pair => deployment.Spec.Template.Metadata?.Labels?.GetValueOrDefault(pair.Key) == pair.Value);

    /// <summary>The analysis the current (else the last) step judges by, for the charts' threshold lines.</summary>
    private static CanaryAnalysis? Threshold(List<CanaryStep> steps, ProgressiveRolloutStatus rollout) =>
        steps.Skip(Math.Min(rollout.CurrentStep, Math.Max(0, steps.Count - 1))).Concat(steps).Select(step => step.Analysis).OfType<CanaryAnalysis>().FirstOrDefault();

    private static string Charts(TrafficHistory traffic, Service service, ProgressiveRolloutStatus rollout, CanaryAnalysis? analysis)
    {
        var key = NodeTraffic.ServiceKey(service);
        var versions = new[] { ("stable", "stable", rollout.StableHash), ("canary", "canary", rollout.CanaryHash) }
            .Where(version => version.Item3 is not null)
            .Select(version => (Name: version.Item1, Css: version.Item2, Samples: traffic.Of(key, version.Item3!)))
            .ToList();
        var requests = versions.Select(version => (version.Name, version.Css, (IReadOnlyList<double?>)version.Samples.Select(sample => (double?)sample.Requests).ToList())).ToList();
        var errors = versions.Select(version => (version.Name, version.Css, (IReadOnlyList<double?>)version.Samples.Select(sample => 100 - sample.SuccessRate * 100).ToList())).ToList();
        var latency = versions.Select(version => (version.Name, version.Css, (IReadOnlyList<double?>)version.Samples.Select(sample => sample.LatencyP99Ms).ToList())).ToList();
        return $"<div class=\"charts\" aria-label=\"traffic through service {E(service.Name)}\">"
               + LineChart.Render($"Requests per 2 s through {service.Name}", "requests", requests)
               + LineChart.Render($"Error rate through {service.Name}", "%", errors, analysis?.SuccessRate is { } rate ? 100 - rate.Min * 100 : null)
               + LineChart.Render($"p99 latency through {service.Name}", "ms", latency)
               + "</div>";
    }

    private static string Measurements(ProgressiveRolloutStatus rollout, List<CanaryStep> steps) =>
        Table("Analyses of this release, newest first", ["Step", "When", "Verdict", "Requests", "Success rate", "p99", "Thresholds", "Why"],
            (rollout.Measurements ?? []).AsEnumerable().Reverse().Select(measurement =>
            {
                var analysis = measurement.Step < steps.Count ? steps[measurement.Step].Analysis : null;
                var thresholds = analysis is null ? "" : string.Join(", ", new[]
                {
                    analysis.SuccessRate is { } rate ? $"success rate ≥ {rate.Min * 100:0.##}%" : null,
                    analysis.LatencyP99 is { } p99 ? $"p99 ≤ {p99.Max}" : null,
                    analysis.MinRequests is { } minimum ? $"at least {minimum} requests" : null,
                }.OfType<string>());
                return (IReadOnlyList<string>)
                [
                    $"{measurement.Step + 1}", Age(measurement.At), $"<span class=\"verdict\">{Badge(measurement.Verdict)}</span>", $"{measurement.Requests}",
                    measurement.SuccessRate is { } success ? $"{success * 100:0.##}%" : "", measurement.LatencyP99Ms is { } ms ? $"{ms:0.#} ms" : "",
                    E(thresholds), E(measurement.Message),
                ];
            }), "no analysis yet");
}
