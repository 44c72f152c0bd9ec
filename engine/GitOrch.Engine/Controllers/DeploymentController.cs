using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Keeps one ReplicaSet per pod-template hash: the current template's set runs the desired replicas and
/// older sets are scaled to zero (kept as history).
/// </summary>
public sealed class DeploymentController(ObjectClient client, ILogger<DeploymentController> logger) : Controller(client, logger)
{
    protected override KindInfo Primary => Kinds.Deployment;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.ReplicaSet];

    protected override async Task ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var deployment = await Client.GetAsync<Deployment>(ns, name, cancellationToken);
        if (deployment is null) return;
        var owned = (await Client.ListAsync<ReplicaSet>(ns, cancellationToken: cancellationToken))
            .Where(set => set.IsOwnedBy(deployment)).ToList();
        var hash = TemplateHash.Of(deployment.Spec.Template);
        var desired = deployment.Spec.Replicas ?? 1;

        var current = owned.FirstOrDefault(set => set.Labels.GetValueOrDefault(WellKnown.PodTemplateHash) == hash);
        if (current is null)
        {
            current = await Client.CreateAsync(NewReplicaSet(deployment, hash, desired), cancellationToken);
            Logger.LogInformation("Created replicaset {ReplicaSet}", current.Name);
        }
        else if (current.Spec.Replicas != desired)
            current = await Client.UpdateAsync(current with { Spec = current.Spec with { Replicas = desired } }, cancellationToken);

        foreach (var old in owned.Where(set => set.Name != current.Name && set.Spec.Replicas != 0))
            await Client.UpdateAsync(old with { Spec = old.Spec with { Replicas = 0 } }, cancellationToken);

        await WriteStatusAsync(deployment, owned.Append(current).DistinctBy(set => set.Name), current, cancellationToken);
    }

    private static ReplicaSet NewReplicaSet(Deployment deployment, string hash, int replicas)
    {
        var labels = new Dictionary<string, string>(deployment.Spec.Template.Metadata.Labels ?? []) { [WellKnown.PodTemplateHash] = hash };
        var selector = new LabelSelector
        {
            MatchLabels = new Dictionary<string, string>(deployment.Spec.Selector?.MatchLabels ?? []) { [WellKnown.PodTemplateHash] = hash },
            MatchExpressions = deployment.Spec.Selector?.MatchExpressions,
        };
        return new ReplicaSet
        {
            ApiVersion = Kinds.ReplicaSet.ApiVersion,
            Kind = Kinds.ReplicaSet.Kind,
            Metadata = new ObjectMeta
            {
                Name = $"{deployment.Name}-{hash}",
                Namespace = deployment.Namespace,
                Labels = labels,
                OwnerReferences = [deployment.AsControllerReference()],
            },
            Spec = new ReplicaSetSpec
            {
                Replicas = replicas,
                Selector = selector,
                Template = deployment.Spec.Template with { Metadata = deployment.Spec.Template.Metadata with { Labels = labels } },
            },
        };
    }

    private async Task WriteStatusAsync(Deployment deployment, IEnumerable<ReplicaSet> sets, ReplicaSet current, CancellationToken cancellationToken)
    {
        var all = sets.ToList();
        var status = new DeploymentStatus
        {
            Replicas = all.Sum(set => set.Status?.Replicas ?? 0),
            UpdatedReplicas = current.Status?.Replicas ?? 0,
            ReadyReplicas = all.Sum(set => set.Status?.ReadyReplicas ?? 0),
            AvailableReplicas = all.Sum(set => set.Status?.AvailableReplicas ?? 0),
            ObservedGeneration = deployment.Metadata.Generation,
        };
        if (status != deployment.Status)
            await Client.PutStatusAsync(deployment, status, cancellationToken);
    }
}
